-- tviews maintenance modes: transaction batching (refresh once, just before commit) and
-- suspending maintenance for bulk loads. Installed after runtime.sql; idempotent.

-- Batching. A refresh function that batches appends its keys to the transaction-local setting
-- tviews.q_<id> instead of recomputing, and arms the flush once per transaction by inserting a
-- row here. The row's deferred constraint trigger runs tviews.flush() at COMMIT (or at SET
-- CONSTRAINTS ALL IMMEDIATE), inside the transaction: a failing refresh fails the commit.
-- Unlogged and emptied by the flush, so it stays small and writes no WAL.
CREATE UNLOGGED TABLE IF NOT EXISTS tviews.flush_request (requested_by int NOT NULL DEFAULT pg_backend_pid());

CREATE OR REPLACE FUNCTION tviews.enqueue(p_id int, p_keys text[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_setting text := 'tviews.q_' || p_id;
BEGIN
    PERFORM set_config(v_setting,
        (coalesce(nullif(current_setting(v_setting, true), ''), '{}')::text[] || p_keys)::text, true);
    IF current_setting('tviews.flush_armed', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('tviews.flush_armed', 'on', true);
        INSERT INTO tviews.flush_request DEFAULT VALUES;
    END IF;
END
$$;

-- Refreshes every queued key, deduplicated, TVIEW by TVIEW in dependency order. While it runs,
-- refreshes are not batched, so the cascades they cause run at once and queue nothing: one pass
-- in dependency order leaves every queue empty, and deeper TVIEWs, whose turn comes later, see
-- the rows of the TVIEWs they read already refreshed.
-- Runs as its owner: it fires at commit as whoever commits, who may call no refresh function.
CREATE OR REPLACE FUNCTION tviews.flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r      record;
    v_keys text[];
BEGIN
    DELETE FROM tviews.flush_request f WHERE f.requested_by = pg_backend_pid();
    PERFORM set_config('tviews.flushing', 'on', true);
    FOR r IN SELECT t.id, t.key_type FROM tviews.tview t ORDER BY t.depth, t.id LOOP
        v_keys := tviews.queued_keys(r.id);
        IF cardinality(v_keys) > 0 THEN
            PERFORM set_config('tviews.q_' || r.id, '', true);
            EXECUTE format('SELECT tviews.%I($1::%s[])', 'refresh_' || r.id, r.key_type) USING v_keys;
        END IF;
    END LOOP;
    PERFORM set_config('tviews.flushing', 'off', true);
    PERFORM set_config('tviews.flush_armed', 'off', true);
    RETURN NULL;
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'tviews_flush'
                   AND tgrelid = 'tviews.flush_request'::regclass) THEN
        CREATE CONSTRAINT TRIGGER tviews_flush AFTER INSERT ON tviews.flush_request
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tviews.flush();
    END IF;
END
$$;

-- Whether a TVIEW batches by default (a transaction overrides it with SET LOCAL tviews.batch).
-- The default is an immutable function, tviews.batch_<id>(), that the refresh function calls: the
-- planner folds it into a constant, and replacing it invalidates the cached plans that used it.
CREATE OR REPLACE FUNCTION tviews.set_batch_default(p_id int, p_on boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- No pinned search_path (it would keep the planner from inlining it); a constant only.
    EXECUTE format('CREATE OR REPLACE FUNCTION tviews.%I() RETURNS text LANGUAGE sql IMMUTABLE '
                   'AS $b$ SELECT %L::pg_catalog.text $b$', 'batch_' || p_id, CASE WHEN p_on THEN 'on' ELSE 'off' END);
    EXECUTE format('REVOKE ALL ON FUNCTION tviews.%I() FROM PUBLIC', 'batch_' || p_id);
    UPDATE tviews.tview SET options = options || jsonb_build_object('batch', p_on) WHERE id = p_id;
END
$$;

-- Takes a name, so it resolves it in the caller's search_path and hands the id on.
CREATE OR REPLACE FUNCTION public.pg_tviews_set_batching(p_name text, p_on boolean) RETURNS void
LANGUAGE sql AS $$ SELECT tviews.set_batch_default((tviews.resolve(p_name)).id, p_on) $$;

-- Bulk loads. A suspended TVIEW contributes no trigger code (rebuild_source skips it), so writes
-- to its sources cost what they cost without tviews; resuming refreshes it fully.
-- The TVIEWs named (NULL: all), as ids; names resolve in the caller's search_path.
CREATE OR REPLACE FUNCTION tviews.ids_of(p_name text) RETURNS int[]
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_name IS NULL THEN ARRAY(SELECT t.id FROM tviews.tview t) ELSE ARRAY[(tviews.resolve(p_name)).id] END
$$;

DROP FUNCTION IF EXISTS tviews.set_suspended(text, boolean);
CREATE OR REPLACE FUNCTION tviews.set_suspended(v_ids int[], p_suspended boolean) RETURNS SETOF regclass
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r     record;
BEGIN
    -- Serialized with DDL and with each other: the trigger rebuild must see one state.
    PERFORM pg_advisory_xact_lock(hashtext('tviews.ddl'));
    UPDATE tviews.tview SET suspended = p_suspended WHERE id = ANY (v_ids);
    FOR r IN SELECT DISTINCT s.source_table FROM tviews.source s WHERE s.tview_id = ANY (v_ids) LOOP
        PERFORM tviews.rebuild_source(r.source_table);
    END LOOP;
    IF NOT p_suspended THEN
        -- Dependency order: a TVIEW is rebuilt after the TVIEWs it reads.
        FOR r IN SELECT id, tv_table FROM tviews.tview WHERE id = ANY (v_ids) ORDER BY depth, id LOOP
            EXECUTE format('SELECT tviews.%I()', 'refresh_all_' || r.id);
        END LOOP;
    END IF;
    RETURN QUERY SELECT tv_table FROM tviews.tview WHERE id = ANY (v_ids) ORDER BY depth, id;
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_suspend(p_name text DEFAULT NULL) RETURNS SETOF regclass
LANGUAGE sql AS $$ SELECT tviews.set_suspended(tviews.ids_of(p_name), true) $$;

CREATE OR REPLACE FUNCTION public.pg_tviews_resume(p_name text DEFAULT NULL) RETURNS SETOF regclass
LANGUAGE sql AS $$ SELECT tviews.set_suspended(tviews.ids_of(p_name), false) $$;
