-- Refresh of TVIEW {{table}}: recompute the definition ({{scope}}), write only rows whose
-- content changed, delete keys the definition no longer returns.
CREATE OR REPLACE FUNCTION tviews.{{function}}({{parameters}}) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp{{settings}} AS $tviews$
DECLARE
    v_prev    text;
    v_fresh   bigint;
    v_written bigint;
    v_deleted bigint;
BEGIN
{{early_exit}}
    v_prev := current_setting('tviews.writing', true);
    PERFORM set_config('tviews.writing', 'on', true);
    -- Deletes go first, in a statement of their own: a row whose unique id moves to another key
    -- would otherwise collide with itself.
    DELETE FROM {{table}} t
    WHERE {{removed_filter}}NOT EXISTS (SELECT 1 FROM {{view}} d WHERE d.{{key}} = t.{{key}}{{exists_filter}});
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    WITH fresh AS MATERIALIZED (
        SELECT {{columns}} FROM {{view}} d{{fresh_filter}}
    ), written AS (
        INSERT INTO {{table}} AS t ({{columns}})
        SELECT {{columns}} FROM fresh
        ON CONFLICT ({{key}}) DO UPDATE SET {{set_list}}
        WHERE ({{old_values}}) IS DISTINCT FROM ({{new_values}})
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM written) INTO v_fresh, v_written;
    PERFORM set_config('tviews.writing', coalesce(v_prev, 'off'), true);
    PERFORM tviews.count_refresh({{id}}, {{keys_count}}, v_written, v_fresh - v_written, v_deleted, {{full}});
END
$tviews$;
