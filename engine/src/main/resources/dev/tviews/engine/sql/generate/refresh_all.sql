-- Full refresh of TVIEW {{table}}: the same deletes and writes as refresh by key, over every key,
-- set-based (no arrays: the TVIEW may be large). The definition is evaluated once, into a
-- temporary table that both the delete and the upsert read: evaluating it twice made a full
-- refresh twice as slow as REFRESH MATERIALIZED VIEW.
CREATE OR REPLACE FUNCTION tviews.{{function}}() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET client_min_messages = warning AS $tviews$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_prev    text;
    v_written bigint;
    v_deleted bigint;
    v_fresh   bigint;
    v_cached  boolean := current_setting('tviews.plan_all_{{id}}', true) IS NOT DISTINCT FROM '{{generation}}';
BEGIN
    IF NOT v_cached THEN
        PERFORM set_config('tviews.plan_all_{{id}}', '{{generation}}', false);
    END IF;
    PERFORM tviews.lock_tview({{id}}, true);
    v_prev := current_setting('tviews.writing', true);
    PERFORM set_config('tviews.writing', 'on', true);
    DROP TABLE IF EXISTS pg_temp.{{fresh}};
    CREATE TEMPORARY TABLE {{fresh}} ON COMMIT DROP AS SELECT {{columns}} FROM {{view}} d;
    GET DIAGNOSTICS v_fresh = ROW_COUNT;
    ANALYZE pg_temp.{{fresh}};
    DELETE FROM {{table}} t WHERE NOT EXISTS (SELECT 1 FROM pg_temp.{{fresh}} d WHERE {{same_row}});
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    WITH written AS (
{{upsert}}
        SELECT {{columns}} FROM pg_temp.{{fresh}}
{{conflict}}
        RETURNING 1
    )
    SELECT count(*) INTO v_written FROM written;
    DROP TABLE pg_temp.{{fresh}};
    PERFORM set_config('tviews.writing', coalesce(v_prev, 'off'), true);
    PERFORM tviews.add_stats({{id}}, 1, v_fresh, v_written, v_fresh - v_written, v_deleted, 1, v_started, v_cached);
END
$tviews$;
REVOKE ALL ON FUNCTION tviews.{{function}}() FROM PUBLIC;
