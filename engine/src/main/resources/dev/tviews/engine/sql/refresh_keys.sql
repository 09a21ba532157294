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
    -- we waited for committed.
    PERFORM tviews.lock_keys({{id}}, p_keys);
    -- The definition is evaluated once, restricted to the keys; with a cached generic plan
    -- (plan_cache_mode above), since re-planning "key = ANY($1)" was half the cost.
    v_rows := ARRAY(SELECT d FROM {{view}} d WHERE d.{{key}} = ANY (p_keys));
    v_prev := current_setting('tviews.writing', true);
    PERFORM set_config('tviews.writing', 'on', true);
    -- Deletes go first, in a statement of their own: a row whose unique id moves to another key
    -- would otherwise collide with itself. With a partition column, a key whose partition value
    -- changed has its old row deleted here (the primary key is (key, partition column)).
    IF {{may_delete}} THEN
        DELETE FROM {{table}} t
        WHERE t.{{key}} = ANY (p_keys) AND NOT EXISTS (SELECT 1 FROM unnest(v_rows) r WHERE {{same_row}});
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
