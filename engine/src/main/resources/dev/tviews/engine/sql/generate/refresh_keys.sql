-- Refresh by key of TVIEW {{table}}: recompute the definition for the given keys, delete keys it
-- no longer returns, write only rows whose content changed. Called by the trigger functions,
-- which pin search_path; every name here is schema-qualified, and it pins search_path itself too.
CREATE OR REPLACE FUNCTION tviews.{{function}}(p_keys {{key_type}}[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan AS $tviews$
DECLARE
    v_started timestamptz;
    v_prev    text;
    v_rows    {{view}}[];
    v_written bigint;
    v_deleted bigint := 0;
    v_cached  boolean;
    v_key     {{key_type}};
    v_locked  {{key_type}}[];
BEGIN
    IF p_keys IS NULL OR cardinality(p_keys) = 0 THEN
        RETURN;
    END IF;
    -- Batching (maintenance.sql): queue the keys, refresh once before commit. The transaction's
    -- SET LOCAL tviews.batch overrides the TVIEW's own default.
    IF coalesce(nullif(current_setting('tviews.batch', true), ''), tviews.{{batch_function}}()) = 'on'
       AND current_setting('tviews.flushing', true) IS DISTINCT FROM 'on' THEN
        PERFORM tviews.enqueue({{id}}, p_keys::text[]);
        RETURN;
    END IF;
    v_started := clock_timestamp();
    -- Whether this backend has run this refresh before, i.e. reuses its prepared plan.
    v_cached := current_setting('tviews.plan_{{id}}', true) IS NOT DISTINCT FROM '{{generation}}';
    IF NOT v_cached THEN
        PERFORM set_config('tviews.plan_{{id}}', '{{generation}}', false);
    END IF;
    -- Lock the keys first; at READ COMMITTED the next statement then sees whatever a transaction
    -- we waited for committed. A key whose row exists is locked by locking that row, in key order:
    -- precise, and unbounded, since row locks live in the rows, not in the shared lock table. Only
    -- keys without a row take an advisory lock (lock_values), as a concurrent refresh that creates
    -- the row does. Above READ COMMITTED every key takes the advisory lock, without waiting
    -- (lock_values: a held lock is a serialization failure).
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        PERFORM tviews.lock_keys({{id}}, p_keys);
    ELSIF coalesce(current_setting('tviews.locking', true), '') <> 'off' THEN
        -- lock_tview(id, false), inlined: the planner folds the hash of a constant.
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('class|key|{{id}}', 0));
        IF cardinality(p_keys) = 1 THEN
            v_key := p_keys[1];
            PERFORM 1 FROM {{table}} t WHERE t.{{key}} = v_key FOR UPDATE;
            IF NOT FOUND THEN
                PERFORM tviews.lock_values('key|{{id}}', p_keys, true);
            END IF;
        ELSE
            v_locked := ARRAY({{lock_rows}});
            IF cardinality(v_locked) < cardinality(p_keys) THEN
                PERFORM tviews.lock_values('key|{{id}}', ARRAY(SELECT k FROM unnest(p_keys) AS k EXCEPT SELECT unnest(v_locked)), true);
            END IF;
        END IF;
    END IF;
    -- The definition is evaluated once, restricted to the keys. One key, the common case: a cached
    -- generic plan on "key = $1", which the planner carries through joins and GROUP BY to every
    -- table's index on the key (re-planning was half the cost). Several keys: planned for the
    -- actual array, since a generic plan for "key = ANY ($1)" guesses its size and can scan a whole
    -- table for one key or loop over thousands.
    IF cardinality(p_keys) = 1 THEN
        v_key := p_keys[1];
        v_rows := ARRAY(SELECT d FROM {{view}} d WHERE d.{{key}} = v_key);
    ELSE
        EXECUTE $tviews_q$SELECT ARRAY(SELECT d FROM {{view}} d WHERE d.{{key}} = ANY ($1))$tviews_q$
            INTO v_rows USING p_keys;
    END IF;
    v_prev := current_setting('tviews.writing', true);
    PERFORM set_config('tviews.writing', 'on', true);
    -- Deletes go first, in a statement of their own: a row whose unique id moves to another key
    -- would otherwise collide with itself. With a partition column, a key whose partition value
    -- changed has its old row deleted here (the primary key is (key, partition column)).
    IF {{may_delete}} THEN
{{delete}}
        GET DIAGNOSTICS v_deleted = ROW_COUNT;
    END IF;
    WITH written AS (
{{upsert}}
        SELECT {{columns}} FROM unnest(v_rows)
{{conflict}}
        RETURNING 1
    )
    SELECT count(*) INTO v_written FROM written;
    PERFORM set_config('tviews.writing', coalesce(v_prev, 'off'), true);
    PERFORM tviews.add_stats({{id}}, 1, cardinality(p_keys), v_written, cardinality(v_rows) - v_written, v_deleted, 0,
                             v_started, v_cached);
END
$tviews$;
REVOKE ALL ON FUNCTION tviews.{{function}}({{key_type}}[]) FROM PUBLIC;
