-- broken-savepoint: a memo of what this transaction last wrote per TVIEW key, kept in
-- session-level advisory locks (lock (slot of the key, hash of the row)), which are outside
-- transaction control: ROLLBACK TO SAVEPOINT does not undo them. A sequence, also outside
-- transaction control, names the transaction the memo belongs to.
CREATE SEQUENCE IF NOT EXISTS tviews.variant_memo_owner;

CREATE OR REPLACE FUNCTION tviews.variant_memo_held(p_slot int) RETURNS SETOF int
LANGUAGE sql AS $$
    SELECT (l.objid::text::bigint - CASE WHEN l.objid::text::bigint > 2147483647 THEN 4294967296 ELSE 0 END)::int
      FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.objsubid = 2
       AND l.classid::text::bigint = (p_slot::bigint & 4294967295)
$$;

-- True when this transaction last wrote exactly p_row for the key (skip the write); otherwise
-- remembers p_row and returns false.
CREATE OR REPLACE FUNCTION tviews.variant_memo_seen(p_tview int, p_key text, p_row text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    v_slot int := hashtext(p_tview || '|' || p_key);
    v_hash int := hashtext(p_row);
    v_held int;
    v_seen boolean := false;
BEGIN
    IF (SELECT last_value FROM tviews.variant_memo_owner) <> txid_current() THEN
        PERFORM pg_advisory_unlock_all();
        PERFORM setval('tviews.variant_memo_owner', txid_current());
    END IF;
    FOR v_held IN SELECT tviews.variant_memo_held(v_slot) LOOP
        IF v_held = v_hash THEN
            v_seen := true;
        ELSE
            PERFORM pg_advisory_unlock(v_slot, v_held);
        END IF;
    END LOOP;
    IF NOT v_seen THEN
        PERFORM pg_advisory_lock(v_slot, v_hash);
    END IF;
    RETURN v_seen;
END
$$;

CREATE OR REPLACE FUNCTION tviews.variant_memo_forget(p_tview int, p_keys text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    k      text;
    v_slot int;
    v_held int;
BEGIN
    FOREACH k IN ARRAY p_keys LOOP
        v_slot := hashtext(p_tview || '|' || k);
        FOR v_held IN SELECT tviews.variant_memo_held(v_slot) LOOP
            PERFORM pg_advisory_unlock(v_slot, v_held);
        END LOOP;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION tviews.variant_memo_forget_all() RETURNS void
LANGUAGE sql AS $$ SELECT pg_advisory_unlock_all() $$;
