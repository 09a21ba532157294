-- Full refresh of TVIEW {{table}}: the same deletes and writes as refresh by key, over every key,
-- set-based (no arrays: the TVIEW may be large).
CREATE OR REPLACE FUNCTION tviews.{{function}}() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $tviews$
DECLARE
    v_prev    text;
    v_written bigint;
    v_deleted bigint;
    v_fresh   bigint;
    v_stats   bigint[];
BEGIN
    PERFORM tviews.lock_tview({{id}}, true);
    v_prev := current_setting('tviews.writing', true);
    PERFORM set_config('tviews.writing', 'on', true);
    DELETE FROM {{table}} t WHERE NOT EXISTS (SELECT 1 FROM {{view}} d WHERE d.{{key}} = t.{{key}});
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    WITH fresh AS MATERIALIZED (
        SELECT {{columns}} FROM {{view}} d
    ), written AS (
{{upsert}}
        SELECT {{columns}} FROM fresh
{{conflict}}
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM written) INTO v_fresh, v_written;
    PERFORM set_config('tviews.writing', coalesce(v_prev, 'off'), true);
{{count}}
END
$tviews$;
REVOKE ALL ON FUNCTION tviews.{{function}}() FROM PUBLIC;
