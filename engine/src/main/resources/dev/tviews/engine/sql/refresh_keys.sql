-- Refresh by key of TVIEW {{table}}: recompute the definition for the given keys, delete keys it
-- no longer returns, write only rows whose content changed. Called by the trigger functions,
-- which pin search_path; every name here is schema-qualified, and it pins search_path itself too.
CREATE OR REPLACE FUNCTION tviews.{{function}}(p_keys {{key_type}}[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan AS $tviews$
DECLARE
    v_prev    text;
    v_rows    {{view}}[];
    v_written bigint;
    v_deleted bigint := 0;
    v_stats   bigint[];
BEGIN
    IF p_keys IS NULL OR cardinality(p_keys) = 0 THEN
        RETURN;
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
    -- would otherwise collide with itself.
    IF cardinality(v_rows) < cardinality(p_keys) THEN
        DELETE FROM {{table}} t
        WHERE t.{{key}} = ANY (p_keys) AND t.{{key}} <> ALL (ARRAY(SELECT r.{{key}} FROM unnest(v_rows) r));
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
{{count}}
END
$tviews$;
REVOKE ALL ON FUNCTION tviews.{{function}}({{key_type}}[]) FROM PUBLIC;
