-- pg_tviews_health_check() (docs/operations.md, "Health check"): one row per finding, and one
-- 'ok' row for each component that has none. Components, in the order they are checked:
-- settings, triggers, objects, schema, indexes, plans, consistency, maintenance, runtime.
-- status: ok | warning | error; severity: INFO | WARNING | CRITICAL (the seed's alert levels).

-- A TVIEW whose maintenance is suspended (column tviews.tview.suspended, when the runtime has it).
CREATE OR REPLACE FUNCTION tviews.is_suspended(v tviews.tview) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((to_jsonb(v) ->> 'suspended')::boolean, false)
$$;

-- Relations a keyed refresh of v must scan whole: its definition restricted to keys, planned as a
-- generic plan (as the refresh function runs it) with sequential scans discouraged, so that one
-- remains only where no index can serve. Relation names as 'schema.name'.
CREATE OR REPLACE FUNCTION tviews.full_scans(v tviews.tview) RETURNS text[]
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $$
DECLARE
    v_name text := 'tviews_health_' || v.id;
    v_plan jsonb;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = v_name) THEN
        EXECUTE format('DEALLOCATE %I', v_name);
    END IF;
    EXECUTE format('PREPARE %I(%s[]) AS SELECT d.* FROM %s d WHERE d.%I = ANY ($1)',
                   v_name, v.key_type, v.backing_view, v.key_column);
    EXECUTE format('EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE %I(NULL)', v_name) INTO v_plan;
    EXECUTE format('DEALLOCATE %I', v_name);
    RETURN ARRAY(SELECT DISTINCT format('%I.%I', n ->> 'Schema', n ->> 'Relation Name')
                 FROM jsonb_path_query(v_plan, 'strict $.**') AS n
                 WHERE jsonb_typeof(n) = 'object' AND n ->> 'Node Type' = 'Seq Scan' ORDER BY 1);
END
$$;

-- Up to p_sample distinct values of a column, as text: random rows of a small relation, about
-- p_sample random blocks of a large one, so the cost stays bounded. Sized from the files
-- (partitions included), not from statistics a fresh table may lack.
CREATE OR REPLACE FUNCTION tviews.sample_values(p_rel regclass, p_column name, p_sample int) RETURNS text[]
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_blocks bigint := (SELECT sum(pg_relation_size(p.relid)) FROM pg_partition_tree(p_rel) p)
                       / current_setting('block_size')::bigint;
    v_values text[];
BEGIN
    EXECUTE format('SELECT array_agg(DISTINCT k::text) FROM (SELECT s.%1$I AS k FROM %2$s s %3$s WHERE s.%1$I IS NOT NULL '
                   '%4$s LIMIT %5$s) q', p_column, p_rel,
        CASE WHEN v_blocks > 64 THEN format('TABLESAMPLE SYSTEM (%s)', round(least(100, 100.0 * p_sample / v_blocks), 6))
             ELSE '' END,
        CASE WHEN v_blocks > 64 THEN '' ELSE 'ORDER BY random()' END, p_sample) INTO v_values;
    RETURN v_values;
END
$$;

-- One finding of the health check: what pg_tviews_health_check() collects before it answers.
DO $$
BEGIN
    IF to_regtype('tviews.health_finding') IS NULL THEN
        CREATE TYPE tviews.health_finding AS (component text, message text, severity text);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_health_check(p_sample int DEFAULT 20)
RETURNS TABLE (status text, component text, message text, severity text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET client_min_messages = warning AS $$
DECLARE
    v_mode    text := (SELECT value FROM tviews.setting WHERE name = 'trigger_mode');
    v_found   text[];
    v_keys    text[];
    v_diffs   text;
    v_bad     boolean;
    v_trigger record;
    -- Findings in a variable, not a temporary table: the check runs read-only on a standby too.
    v_findings tviews.health_finding[] := '{}';
    t         tviews.tview;
    r         record;
BEGIN

    -- settings: sessions or defaults under which the engine's triggers do not fire, or it is unsafe.
    IF current_setting('session_replication_role') <> 'origin' THEN
        v_findings := v_findings || ROW('settings', format('session_replication_role = %s in this session: '
            'engine triggers do not fire, so writes made here leave TVIEWs stale; SET session_replication_role = '
            'origin, then pg_tviews_refresh each TVIEW written meanwhile', current_setting('session_replication_role')),
            'CRITICAL')::tviews.health_finding;
    END IF;
    FOR r IN SELECT coalesce(d.datname, 'every database') AS db, coalesce(ro.rolname, 'every role') AS rol, c AS conf
             FROM pg_db_role_setting s CROSS JOIN unnest(s.setconfig) AS c
             LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles ro ON ro.oid = s.setrole
             WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
               AND (c LIKE 'session_replication_role=%' AND c <> 'session_replication_role=origin'
                    OR c IN ('tviews.locking=off', 'tviews.writing=on', 'tviews.ddl=allow')) LOOP
        v_findings := v_findings || ROW('settings', format('default %s for %s in %s: %s', r.conf, r.rol, r.db,
            CASE WHEN r.conf LIKE 'session_replication_role=%' THEN 'engine triggers do not fire in those sessions'
                 ELSE 'sessions start with an engine safety switched off' END)
            || '; remove it with ALTER ROLE/DATABASE ... RESET', 'CRITICAL')::tviews.health_finding;
    END LOOP;
    IF coalesce(current_setting('tviews.locking', true), '') = 'off' THEN
        v_findings := v_findings || ROW('settings', 'tviews.locking = off in this session: concurrent writers '
            'can leave stale rows; RESET tviews.locking', 'WARNING')::tviews.health_finding;
    END IF;
    IF coalesce(current_setting('tviews.writing', true), '') = 'on' THEN
        v_findings := v_findings || ROW('settings', 'tviews.writing = on in this session: the guard lets direct '
            'writes to tv_* tables through; RESET tviews.writing', 'WARNING')::tviews.health_finding;
    END IF;
    IF coalesce(current_setting('tviews.ddl', true), '') = 'allow' THEN
        v_findings := v_findings || ROW('settings', 'tviews.ddl = allow in this session: the DDL guard lets '
            'changes to source tables through; recompile the TVIEWs they touch, then RESET tviews.ddl', 'WARNING')::tviews.health_finding;
    END IF;

    -- triggers: every relation read by a TVIEW that is not suspended carries the engine's
    -- triggers for the current mode, enabled, and so does every partition of a partitioned one
    -- (a statement naming a partition fires only the partition's statement triggers); every tv_*
    -- table its guard.
    FOR r IN SELECT DISTINCT x.rel, x.src FROM tviews.source s JOIN tviews.tview tv ON tv.id = s.tview_id
             CROSS JOIN LATERAL (SELECT s.source_table AS rel, s.source_table AS src
                                 UNION ALL SELECT p, s.source_table FROM unnest(tviews.partitions_of(s.source_table)) AS p) x
             WHERE NOT tviews.is_suspended(tv) AND EXISTS (SELECT 1 FROM pg_class WHERE oid = s.source_table)
             ORDER BY x.src, x.rel LOOP
        FOR v_trigger IN SELECT e.name, g.tgenabled
                         FROM unnest(CASE WHEN v_mode = 'row' THEN ARRAY['tviews_row', 'tviews_row_statement', 'tviews_truncate']
                                     ELSE ARRAY['tviews_insert', 'tviews_update', 'tviews_delete', 'tviews_truncate'] END) AS e(name)
                         LEFT JOIN pg_trigger g ON g.tgrelid = r.rel AND g.tgname = e.name
                                                   -- PostgreSQL 14 marks the clones of row triggers internal.
                                                   AND (NOT g.tgisinternal OR g.tgparentid <> 0) LOOP
            IF v_trigger.tgenabled IS NULL AND r.rel <> r.src THEN
                v_findings := v_findings || ROW('triggers', format('trigger %s on %s, a partition of %s, is missing: '
                    'writes naming it no longer reach the TVIEWs that read %s; run SELECT tviews.rebuild_source(%L), '
                    'then pg_tviews_refresh each of them', v_trigger.name, r.rel, r.src, r.src, r.src::text),
                    'CRITICAL')::tviews.health_finding;
            ELSIF v_trigger.tgenabled IS NULL THEN
                v_findings := v_findings || ROW('triggers', format('trigger %s on %s is missing: its changes no '
                    'longer reach the TVIEWs that read it; run SELECT tviews.rebuild_source(%L), then pg_tviews_refresh '
                    'each of them', v_trigger.name, r.rel, r.rel::text), 'CRITICAL')::tviews.health_finding;
            ELSIF v_trigger.tgenabled NOT IN ('O', 'A') THEN
                v_findings := v_findings || ROW('triggers', format('trigger %s on %s is %s: its changes no longer '
                    'reach the TVIEWs that read it; ALTER TABLE %s ENABLE TRIGGER %s, then pg_tviews_refresh each of them',
                    v_trigger.name, r.rel, CASE v_trigger.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled for replicas only' END,
                    r.rel, v_trigger.name), 'CRITICAL')::tviews.health_finding;
            END IF;
        END LOOP;
    END LOOP;
    -- The trigger function of each source still carries every maintained TVIEW's fragments, as
    -- tviews.rebuild_source assembles them verbatim (a hand-edited or stale function does not).
    FOR r IN SELECT st.rel, st.id, tv.tv_table, p.prosrc,
                    CASE WHEN v_mode = 'row' THEN s.row_insert ELSE s.stmt_insert END AS ins,
                    CASE WHEN v_mode = 'row' THEN s.row_delete ELSE s.stmt_delete END AS del
             FROM tviews.source s JOIN tviews.tview tv ON tv.id = s.tview_id
             JOIN tviews.source_table st ON st.rel = s.source_table
             JOIN pg_proc p ON p.oid = to_regprocedure(format('tviews.%I()', 'on_' || st.id))
             WHERE NOT tviews.is_suspended(tv) ORDER BY st.id, tv.id LOOP
        IF strpos(r.prosrc, r.ins) = 0 OR strpos(r.prosrc, r.del) = 0 THEN
            v_findings := v_findings || ROW('triggers', format('trigger function tviews.on_%s of %s does not '
                'maintain %s (edited by hand, or not rebuilt): run SELECT tviews.rebuild_source(%L), then '
                'pg_tviews_refresh(%L)', r.id, r.rel, r.tv_table, r.rel::text, r.tv_table::text), 'CRITICAL')::tviews.health_finding;
        END IF;
    END LOOP;
    FOR t IN SELECT * FROM tviews.tview ORDER BY id LOOP
        SELECT tgenabled INTO v_trigger FROM pg_trigger WHERE tgrelid = t.tv_table AND tgname = 'tviews_guard';
        IF NOT FOUND OR v_trigger.tgenabled NOT IN ('O', 'A') THEN
            v_findings := v_findings || ROW('triggers', format('the guard trigger of %s is missing or disabled: direct '
                'writes to it are no longer refused; recreate the TVIEW, or ALTER TABLE %s ENABLE TRIGGER tviews_guard',
                t.tv_table, t.tv_table), 'WARNING')::tviews.health_finding;
        END IF;
    END LOOP;

    -- objects: what the engine made for each TVIEW still exists.
    FOR t IN SELECT * FROM tviews.tview ORDER BY id LOOP
        v_found := ARRAY(SELECT x FROM unnest(ARRAY[
                       CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = t.backing_view) THEN 'its backing view' END,
                       CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = t.tv_table) THEN 'its table' END,
                       CASE WHEN to_regprocedure(format('tviews.%I(%s[])', 'refresh_' || t.id, t.key_type)) IS NULL
                            THEN format('function tviews.refresh_%s', t.id) END,
                       CASE WHEN to_regprocedure(format('tviews.%I()', 'refresh_all_' || t.id)) IS NULL
                            THEN format('function tviews.refresh_all_%s', t.id) END]) AS x WHERE x IS NOT NULL);
        IF cardinality(v_found) > 0 THEN
            v_findings := v_findings || ROW('objects', format('TVIEW %s (id %s) lost %s: it cannot be maintained; '
                'drop it with pg_tviews_drop and create it again', t.tv_table, t.id, array_to_string(v_found, ', ')),
                'CRITICAL')::tviews.health_finding;
        END IF;
    END LOOP;
    FOR r IN SELECT st.rel, st.id FROM tviews.source_table st
             WHERE to_regprocedure(format('tviews.%I()', 'on_' || st.id)) IS NULL LOOP
        v_findings := v_findings || ROW('objects', format('trigger function tviews.on_%s of %s is missing; run '
            'SELECT tviews.rebuild_source(%L)', r.id, r.rel, r.rel::text), 'CRITICAL')::tviews.health_finding;
    END LOOP;

    -- schema: source relations changed since their TVIEW was compiled.
    FOR r IN SELECT t2.tv_table, tviews.source_drift(c) AS drift
             FROM tviews.compiled_source c JOIN tviews.tview t2 ON t2.id = c.tview_id ORDER BY t2.id, c.source_table::text LOOP
        IF r.drift IS NOT NULL THEN
            v_findings := v_findings || ROW('schema', format('TVIEW %s was compiled against another shape of its '
                'source: %s; its triggers may fail or leave it stale: call Tviews.recompile(%L), or drop and recreate it',
                r.tv_table, r.drift, r.tv_table::text), 'CRITICAL')::tviews.health_finding;
        END IF;
    END LOOP;
    -- A plain view a TVIEW reads, redefined since it was compiled (allowed by tviews.ddl, or with no
    -- DDL guard installed): the triggers follow the body the analysis inlined, not the new one.
    FOR r IN SELECT t2.tv_table, v.view FROM tviews.compiled_view v JOIN tviews.tview t2 ON t2.id = v.tview_id
             WHERE tviews.view_signature(v.view) IS DISTINCT FROM v.signature ORDER BY t2.id, v.view::text LOOP
        v_findings := v_findings || ROW('schema', format('TVIEW %s reads the view %s, redefined since the TVIEW was '
            'compiled; its triggers follow the old body, so it may be stale: call Tviews.recompile(%L)',
            r.tv_table, r.view, r.tv_table::text), 'CRITICAL')::tviews.health_finding;
    END LOOP;
    FOR r IN SELECT t2.tv_table, tviews.tview_drift(t2) AS drift FROM tviews.tview t2 ORDER BY t2.id LOOP
        IF r.drift IS NOT NULL THEN
            v_findings := v_findings || ROW('schema', format('TVIEW %s no longer matches its generated SQL: '
                '%s; its refreshes fail; undo the change, or drop the TVIEW with pg_tviews_drop and create it again',
                r.tv_table, r.drift), 'CRITICAL')::tviews.health_finding;
        END IF;
    END LOOP;
    FOR t IN SELECT * FROM tviews.tview tv WHERE NOT EXISTS (SELECT 1 FROM tviews.compiled_source c WHERE c.tview_id = tv.id) LOOP
        v_findings := v_findings || ROW('schema', format('TVIEW %s has no recorded source signatures, so changes '
            'to its sources cannot be detected; call Tviews.recompile(%L)', t.tv_table, t.tv_table::text), 'WARNING')::tviews.health_finding;
    END LOOP;

    -- indexes: a link column that a refresh looks values up in has an index starting with it.
    FOR r IN SELECT DISTINCT c.source_table AS rel, l.col
             FROM tviews.compiled_source c CROSS JOIN unnest(c.link_columns) AS l(col)
             WHERE EXISTS (SELECT 1 FROM pg_class WHERE oid = c.source_table)
               AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                               WHERE i.indrelid = c.source_table AND a.attname = l.col)
             ORDER BY 1, 2 LOOP
        v_findings := v_findings || ROW('indexes', format('link column %s.%I has no index: each change mapped '
            'through it scans %s; CREATE INDEX ON %s (%I)', r.rel, r.col, r.rel, r.rel, r.col), 'WARNING')::tviews.health_finding;
    END LOOP;

    -- plans: a keyed refresh that must read a whole table.
    FOR t IN SELECT * FROM tviews.tview ORDER BY id LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = t.backing_view);
        v_found := tviews.full_scans(t);
        IF cardinality(v_found) > 0 THEN
            v_findings := v_findings || ROW('plans', format('a keyed refresh of %s scans all of %s: no index serves '
                'its joins from the key; index the columns the definition joins on there', t.tv_table,
                array_to_string(v_found, ', ')), 'WARNING')::tviews.health_finding;
        END IF;
    END LOOP;

    -- consistency: a bounded sample of keys compared with the definition (tviews.verify checks all).
    FOR t IN SELECT * FROM tviews.tview ORDER BY id LOOP
        CONTINUE WHEN tviews.is_suspended(t) OR NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = t.backing_view)
                      OR NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = t.tv_table);
        -- Keys sampled from the table (rows that differ or should not be there) and from a source
        -- column whose values are keys (rows missing from the table).
        v_keys := tviews.sample_values(t.tv_table, t.key_column, p_sample)
                  || coalesce((SELECT tviews.sample_values(c.source_table, c.key_columns[1], p_sample)
                               FROM tviews.compiled_source c
                               WHERE c.tview_id = t.id AND cardinality(c.key_columns) > 0
                                 AND EXISTS (SELECT 1 FROM pg_class WHERE oid = c.source_table)
                               ORDER BY c.key_columns[1] = t.key_column DESC, c.source_table::oid LIMIT 1), '{}');
        CONTINUE WHEN v_keys IS NULL;
        SELECT string_agg(d.key || ' ' || d.problem, ', '), count(*) > 0 INTO v_diffs, v_bad
        FROM (SELECT * FROM tviews.verify_tview(t, v_keys) LIMIT 10) d;
        IF v_bad THEN
            v_findings := v_findings || ROW('consistency', format('%s differs from its definition for sampled keys: '
                '%s; run SELECT * FROM tviews.verify(%L) for all of them, then SELECT pg_tviews_refresh(%L)',
                t.tv_table, v_diffs, t.tv_table::text, t.tv_table::text), 'CRITICAL')::tviews.health_finding;
        END IF;
    END LOOP;

    -- maintenance: suspended TVIEWs are not kept fresh until resumed.
    FOR t IN SELECT * FROM tviews.tview tv WHERE tviews.is_suspended(tv) ORDER BY id LOOP
        v_findings := v_findings || ROW('maintenance', format('maintenance of %s is suspended: it is not kept '
            'fresh until resumed, which refreshes it fully', t.tv_table), 'WARNING')::tviews.health_finding;
    END LOOP;

    RETURN QUERY
        SELECT CASE h.severity WHEN 'CRITICAL' THEN 'error' ELSE 'warning' END, h.component, h.message, h.severity
        FROM unnest(v_findings) WITH ORDINALITY AS h(component, message, severity, seq)
        ORDER BY h.severity = 'WARNING', h.seq;
    RETURN QUERY
        SELECT 'ok', c.component, c.message, 'INFO'
        FROM (VALUES (1, 'settings', 'triggers fire in this session and no engine setting is switched off'),
                     (2, 'triggers', format('every source relation has its %s-mode triggers, enabled', v_mode)),
                     (3, 'objects', 'every TVIEW has its table, backing view and functions'),
                     (4, 'schema', 'no source relation changed since its TVIEW was compiled'
                         || CASE WHEN EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'tviews_ddl_guard_alter')
                                 THEN '; the DDL guard is installed'
                                 ELSE '; no DDL guard (installed without superuser): run this check after schema changes' END),
                     (5, 'indexes', 'every link column has an index'),
                     (6, 'plans', 'every keyed refresh reads through indexes'),
                     (7, 'consistency', format('sampled up to %s keys per TVIEW: all equal their definition', p_sample)),
                     (8, 'maintenance', 'no TVIEW is suspended'),
                     (9, 'runtime', format('runtime version %s, %s TVIEW(s), %s-mode triggers',
                         (SELECT max(version) FROM tviews.runtime_version), (SELECT count(*) FROM tviews.tview), v_mode)))
             AS c(n, component, message)
        WHERE NOT EXISTS (SELECT 1 FROM unnest(v_findings) h WHERE h.component = c.component)
        ORDER BY c.n;
END
$$;
