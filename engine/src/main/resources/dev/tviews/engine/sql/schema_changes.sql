-- Schema changes (docs/operations.md, "Schema changes"): what each TVIEW was compiled against, so
-- that a change to a source relation is refused (event trigger, when the installer may create
-- one) or reported (pg_tviews_health_check, which needs no superuser), never silently stale.

-- Per (TVIEW, source relation): the relation's name and the columns the generated SQL names
-- (read columns and primary key; every column when the definition reads whole rows), and the
-- link columns whose values a refresh looks up (they want an index).
CREATE TABLE IF NOT EXISTS tviews.compiled_source (
    tview_id     int      NOT NULL REFERENCES tviews.tview (id) ON DELETE CASCADE,
    source_table regclass NOT NULL,
    whole_row    boolean  NOT NULL,
    signature    jsonb    NOT NULL,
    link_columns name[]   NOT NULL DEFAULT '{}',
    key_columns  name[]   NOT NULL DEFAULT '{}',  -- columns whose values are keys of the TVIEW (local mappings)
    PRIMARY KEY (tview_id, source_table)
);
-- A partitioned source's partitions at every level when the TVIEW was compiled (NULL for other
-- relations): attaching, detaching or dropping one moves rows in or out without a write the
-- triggers see. regclass, so that renames do not count and a dump restores them by name.
ALTER TABLE tviews.compiled_source ADD COLUMN IF NOT EXISTS partitions regclass[];

-- {"relation": "schema.name", "columns": [[attnum, name, type], ...]} for the given column numbers
-- (NULL: every column).
CREATE OR REPLACE FUNCTION tviews.signature(p_rel regclass, p_attnums int[]) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object(
        'relation', (SELECT format('%I.%I', n.nspname, c.relname)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_rel),
        'columns', coalesce((SELECT jsonb_agg(jsonb_build_array(a.attnum, a.attname,
                                                                format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
                             FROM pg_attribute a
                             WHERE a.attrelid = p_rel AND a.attnum > 0 AND NOT a.attisdropped
                               AND (p_attnums IS NULL OR a.attnum = ANY (p_attnums))), '[]'::jsonb))
$$;

-- A backing view's definition with every relation schema-qualified (the search_path is pinned), for
-- recompiling: PostgreSQL keeps it current through renames.
CREATE OR REPLACE FUNCTION tviews.definition_of(p_view regclass) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT pg_get_viewdef(p_view) $$;

-- Records the signature of one source relation of TVIEW p_id; called by the compiler after the
-- tviews.source row is written.
CREATE OR REPLACE FUNCTION tviews.record_compiled(p_id int, p_rel regclass, p_links name[], p_keys name[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_read    name[] := (SELECT s.read_columns FROM tviews.source s WHERE s.tview_id = p_id AND s.source_table = p_rel);
    v_attnums int[];
BEGIN
    IF v_read IS NOT NULL THEN
        SELECT array_agg(a.attnum) INTO v_attnums FROM pg_attribute a
        WHERE a.attrelid = p_rel AND NOT a.attisdropped AND a.attnum > 0
          AND (a.attname = ANY (v_read) OR a.attname = ANY (p_links)
               OR a.attnum = ANY ((SELECT i.indkey::int2[] FROM pg_index i WHERE i.indrelid = p_rel AND i.indisprimary)::int[]));
    END IF;
    INSERT INTO tviews.compiled_source (tview_id, source_table, whole_row, signature, link_columns, key_columns, partitions)
    VALUES (p_id, p_rel, v_read IS NULL, tviews.signature(p_rel, CASE WHEN v_read IS NULL THEN NULL ELSE coalesce(v_attnums, '{}') END),
            coalesce(p_links, '{}'), coalesce(p_keys, '{}'),
            CASE WHEN (SELECT relkind FROM pg_class WHERE oid = p_rel) = 'p' THEN tviews.partitions_of(p_rel) END)
    ON CONFLICT (tview_id, source_table) DO UPDATE
        SET whole_row = excluded.whole_row, signature = excluded.signature, link_columns = excluded.link_columns,
            key_columns = excluded.key_columns, partitions = excluded.partitions;
END
$$;

-- A partition created in a partitioned source (CREATE TABLE … PARTITION OF) starts empty, so no
-- row moved: gives it the source's triggers and records it with the partitions compiled against.
-- The DDL guard calls this; without the guard, run it after creating partitions (the health check
-- reports them).
CREATE OR REPLACE FUNCTION tviews.adopt_partition(p_partition regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_root regclass := pg_partition_root(p_partition);
BEGIN
    IF v_root IS NULL OR v_root = p_partition OR NOT EXISTS (SELECT 1 FROM tviews.source_table WHERE rel = v_root) THEN
        RAISE EXCEPTION '% is not a partition of a relation read by a TVIEW', p_partition
            USING ERRCODE = '22023', HINT = 'Name a partition of a partitioned table that a TVIEW reads.';
    END IF;
    PERFORM tviews.rebuild_source(v_root);
    UPDATE tviews.compiled_source
    SET partitions = ARRAY(SELECT DISTINCT x FROM unnest(partitions || p_partition) AS x ORDER BY 1)
    WHERE source_table = v_root AND partitions IS NOT NULL;
END
$$;

-- Per (TVIEW, plain view it reads, directly or through other views): the view's definition when the
-- TVIEW was compiled. The triggers follow that definition (the analysis inlines it), so redefining
-- the view is refused like a column change of a source table.
CREATE TABLE IF NOT EXISTS tviews.compiled_view (
    tview_id  int      NOT NULL REFERENCES tviews.tview (id) ON DELETE CASCADE,
    view      regclass NOT NULL,
    signature text     NOT NULL,
    PRIMARY KEY (tview_id, view)
);

-- A view's body and options, schema-qualified (the search_path is pinned).
CREATE OR REPLACE FUNCTION tviews.view_signature(p_view regclass) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT pg_get_viewdef(c.oid) || coalesce(' WITH ' || array_to_string(c.reloptions, ','), '')
    FROM pg_class c WHERE c.oid = p_view
$$;

-- Records the views the backing view p_backing of TVIEW p_id reads, recursively.
CREATE OR REPLACE FUNCTION tviews.record_views(p_id int, p_backing regclass) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
    DELETE FROM tviews.compiled_view WHERE tview_id = p_id;
    WITH RECURSIVE reads (reader, oid) AS (
        SELECT p_backing::oid, d.refobjid
        FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
        WHERE r.ev_class = p_backing AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> p_backing
        UNION
        SELECT x.oid, d.refobjid
        FROM reads x JOIN pg_class v ON v.oid = x.oid AND v.relkind = 'v'
        JOIN pg_rewrite r ON r.ev_class = x.oid
        JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
        WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid <> x.oid
    )
    INSERT INTO tviews.compiled_view (tview_id, view, signature)
    SELECT DISTINCT p_id, x.oid::regclass, tviews.view_signature(x.oid)
    FROM reads x JOIN pg_class c ON c.oid = x.oid AND c.relkind = 'v';
$$;

-- How a source relation differs from what TVIEW compiled against, or NULL when it does not:
-- a renamed relation, a column renamed, retyped or dropped, or (for whole-row reads) added.
CREATE OR REPLACE FUNCTION tviews.source_drift(p tviews.compiled_source) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_now     jsonb;
    v_changes text[] := '{}';
    e         jsonb;
    v_cur     jsonb;
    v_parts   regclass[];
    v_added   regclass[];
    v_gone    regclass[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = p.source_table) THEN
        RETURN format('relation %s (oid %s) no longer exists', p.signature ->> 'relation', p.source_table::oid);
    END IF;
    v_parts := tviews.partitions_of(p.source_table);
    IF (SELECT relispartition FROM pg_class WHERE oid = p.source_table) THEN
        v_changes := v_changes || format('relation %s is now a partition of %s, whose writes fire only its own statement '
            'triggers', p.source_table, pg_partition_root(p.source_table));
    END IF;
    v_now := tviews.signature(p.source_table, CASE WHEN p.whole_row THEN NULL
                              ELSE ARRAY(SELECT (x ->> 0)::int FROM jsonb_array_elements(p.signature -> 'columns') x) END);
    IF p.partitions IS NOT NULL THEN
        SELECT array_agg(x ORDER BY x::text) FILTER (WHERE x <> ALL (p.partitions)),
               array_agg(x ORDER BY x::text) FILTER (WHERE x <> ALL (v_parts))
        INTO v_added, v_gone
        FROM unnest(v_parts || p.partitions) AS x;
        IF v_added IS NOT NULL THEN
            v_changes := v_changes || format('partition %s of %s was added: attached, its rows entered without a '
                'write the triggers saw (created empty by CREATE TABLE … PARTITION OF, SELECT tviews.adopt_partition(%L) '
                'adopts it)', array_to_string(v_added, ', '), p.source_table, v_added[1]::text);
        END IF;
        IF v_gone IS NOT NULL THEN
            v_changes := v_changes || format('partition %s of %s was detached or dropped (its rows left without a write the '
                'triggers saw)', array_to_string(ARRAY(SELECT DISTINCT x::text FROM unnest(v_gone) x), ', '), p.source_table);
        END IF;
    END IF;
    IF v_now = p.signature THEN
        RETURN array_to_string(nullif(v_changes, '{}'), '; ');
    END IF;
    IF v_now ->> 'relation' <> p.signature ->> 'relation' THEN
        v_changes := v_changes || format('relation %s is now %s', p.signature ->> 'relation', v_now ->> 'relation');
    END IF;
    FOR e IN SELECT x FROM jsonb_array_elements(p.signature -> 'columns') x LOOP
        SELECT x INTO v_cur FROM jsonb_array_elements(v_now -> 'columns') x WHERE x -> 0 = e -> 0;
        IF v_cur IS NULL THEN
            v_changes := v_changes || format('column %I was dropped', e ->> 1);
        ELSIF v_cur <> e THEN
            v_changes := v_changes || format('column %I %s is now %I %s', e ->> 1, e ->> 2, v_cur ->> 1, v_cur ->> 2);
        END IF;
    END LOOP;
    FOR e IN SELECT x FROM jsonb_array_elements(v_now -> 'columns') x
             WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p.signature -> 'columns') y WHERE y -> 0 = x -> 0) LOOP
        v_changes := v_changes || format('column %I %s was added, and the definition reads whole rows', e ->> 1, e ->> 2);
    END LOOP;
    RETURN array_to_string(v_changes, '; ');
END
$$;

-- How a TVIEW's own table differs from what its generated SQL names, or NULL: renamed (the refresh
-- functions name it), or columns that are no longer exactly its definition's.
CREATE OR REPLACE FUNCTION tviews.tview_drift(v tviews.tview) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_quoted text;
    v_table  text[];
    v_def    text[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = v.tv_table)
       OR NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = v.backing_view)
       OR to_regprocedure(format('tviews.%I()', 'refresh_all_' || v.id)) IS NULL THEN
        RETURN NULL;  -- reported as lost objects
    END IF;
    SELECT '"' || replace(n.nspname, '"', '""') || '"."' || replace(c.relname, '"', '""') || '"' INTO v_quoted
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = v.tv_table;
    IF strpos((SELECT prosrc FROM pg_proc WHERE oid = to_regprocedure(format('tviews.%I()', 'refresh_all_' || v.id))),
              v_quoted) = 0 THEN
        RETURN format('its table was renamed or moved to %s', v.tv_table);
    END IF;
    v_table := ARRAY(SELECT format('%I %s', attname, format_type(atttypid, atttypmod)) FROM pg_attribute
                     WHERE attrelid = v.tv_table AND attnum > 0 AND NOT attisdropped ORDER BY attnum);
    v_def := ARRAY(SELECT format('%I %s', attname, format_type(atttypid, atttypmod)) FROM pg_attribute
                   WHERE attrelid = v.backing_view AND attnum > 0 AND NOT attisdropped ORDER BY attnum);
    IF v_table <> v_def THEN
        RETURN format('the columns of %s are (%s), its definition''s (%s)', v.tv_table,
                      array_to_string(v_table, ', '), array_to_string(v_def, ', '));
    END IF;
    RETURN NULL;
END
$$;

-- The event trigger: refuses DDL that would leave a TVIEW's generated SQL naming what is gone
-- (renames, retyped or dropped columns of a source, a dropped backing view or tv_* table).
-- SET LOCAL tviews.ddl = 'allow' lets a change through; recompile the TVIEW before commit.
CREATE OR REPLACE FUNCTION tviews.ddl_guard() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r       record;
    v_drift text;
BEGIN
    -- A partition created in a partitioned source starts empty: it gets the source's triggers, even
    -- under tviews.ddl = 'allow'.
    IF TG_EVENT = 'ddl_command_end' THEN
        FOR r IN SELECT DISTINCT e.objid::regclass AS rel FROM pg_event_trigger_ddl_commands() e
                 JOIN pg_class k ON k.oid = e.objid
                 WHERE e.command_tag = 'CREATE TABLE' AND e.classid = 'pg_class'::regclass AND e.objsubid = 0
                   AND k.relispartition
                   AND EXISTS (SELECT 1 FROM tviews.source_table st WHERE st.rel = pg_partition_root(e.objid)) LOOP
            PERFORM tviews.adopt_partition(r.rel);
        END LOOP;
    END IF;
    IF coalesce(current_setting('tviews.ddl', true), '') = 'allow'
       OR coalesce(current_setting('tviews.writing', true), '') = 'on' THEN
        RETURN;
    END IF;
    IF TG_EVENT = 'sql_drop' THEN
        -- A dropped tv_* table has no pg_class row left to name it: take the name it was dropped under.
        FOR r IN SELECT d.object_type, d.object_identity,
                        coalesce((SELECT x.object_identity FROM pg_event_trigger_dropped_objects() x
                                  WHERE x.objid = t.tv_table AND x.objsubid = 0), t.tv_table::text) AS tv
                 FROM pg_event_trigger_dropped_objects() d
                 JOIN tviews.tview t ON d.objid IN (t.backing_view, t.tv_table)
                 WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0
                 UNION ALL
                 SELECT d.object_type, d.object_identity, t.tv_table::text
                 FROM pg_event_trigger_dropped_objects() d
                 JOIN tviews.compiled_source c ON c.source_table = d.objid
                 JOIN tviews.tview t ON t.id = c.tview_id
                 WHERE d.classid = 'pg_class'::regclass
                   AND (d.objsubid = 0 OR c.signature -> 'columns' @> jsonb_build_array(jsonb_build_array(d.objsubid)))
                 LIMIT 1 LOOP
            RAISE EXCEPTION 'cannot drop % %: TVIEW % depends on it', r.object_type, r.object_identity, r.tv
                USING ERRCODE = '2BP01',
                      HINT = format('Drop the TVIEW first with SELECT pg_tviews_drop(%L), then recreate it after the change.', r.tv);
        END LOOP;
        -- A dropped partition takes its rows out of the source without a write the triggers see.
        FOR r IN SELECT d.object_identity, c.source_table::text AS src,
                        string_agg(DISTINCT t.tv_table::text, ', ') AS tvs, min(t.tv_table::text) AS tv
                 FROM pg_event_trigger_dropped_objects() d
                 JOIN tviews.compiled_source c ON d.objid = ANY (c.partitions)
                 JOIN tviews.tview t ON t.id = c.tview_id
                 WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0
                 GROUP BY d.object_identity, c.source_table ORDER BY 1 LIMIT 1 LOOP
            RAISE EXCEPTION 'cannot drop partition % of %: its rows would leave TVIEW % without a write its triggers see',
                            r.object_identity, r.src, r.tvs
                USING ERRCODE = '55000',
                      HINT = format('In one transaction, SET LOCAL tviews.ddl = ''allow'', drop it, and call '
                                    'Tviews.recompile(%L) before COMMIT (it refreshes every TVIEW reading %s); or '
                                    'DELETE its rows through %s first, which the triggers see.', r.tv, r.src, r.src);
        END LOOP;
        RETURN;
    END IF;
    FOR r IN SELECT t.tv_table::text AS tv, tviews.tview_drift(t) AS drift FROM tviews.tview t
             WHERE t.tv_table IN (SELECT e.objid FROM pg_event_trigger_ddl_commands() e WHERE e.classid = 'pg_class'::regclass)
                OR (SELECT relnamespace FROM pg_class WHERE oid = t.tv_table)
                   IN (SELECT e.objid FROM pg_event_trigger_ddl_commands() e WHERE e.classid = 'pg_namespace'::regclass) LOOP
        IF r.drift IS NOT NULL THEN
            RAISE EXCEPTION 'this change would break TVIEW %: %', r.tv, r.drift
                USING ERRCODE = '55000',
                      HINT = 'A TVIEW''s table keeps the name and the columns of its definition; add indexes freely. '
                             'To change it, drop the TVIEW with pg_tviews_drop and create it again.';
        END IF;
    END LOOP;
    FOR r IN SELECT v.view::text AS view, t.tv_table::text AS tv
             FROM tviews.compiled_view v JOIN tviews.tview t ON t.id = v.tview_id
             WHERE v.view IN (SELECT e.objid FROM pg_event_trigger_ddl_commands() e WHERE e.classid = 'pg_class'::regclass)
               AND tviews.view_signature(v.view) IS DISTINCT FROM v.signature
             LIMIT 1 LOOP
        RAISE EXCEPTION 'this change would leave TVIEW % stale: it reads the view %, whose new definition its triggers do not follow', r.tv, r.view
            USING ERRCODE = '55000',
                  HINT = format('In one transaction, SET LOCAL tviews.ddl = ''allow'', change the view, and call '
                                'Tviews.recompile(%L) before COMMIT; or drop the TVIEW with '
                                'SELECT pg_tviews_drop(%L) and recreate it after the change.', r.tv, r.tv);
    END LOOP;
    -- A command on any table of a source's partition tree (ATTACH or DETACH PARTITION name the
    -- parent they change) concerns the source.
    FOR r IN SELECT c, t.tv_table::text AS tv
             FROM tviews.compiled_source c JOIN tviews.tview t ON t.id = c.tview_id
             WHERE c.source_table IN (SELECT e.objid FROM pg_event_trigger_ddl_commands() e
                                      WHERE e.classid = 'pg_class'::regclass)
                OR coalesce(pg_partition_root(c.source_table), c.source_table)
                   IN (SELECT pg_partition_root(e.objid) FROM pg_event_trigger_ddl_commands() e
                       WHERE e.classid = 'pg_class'::regclass)
                OR (SELECT relnamespace FROM pg_class WHERE oid = c.source_table)
                   IN (SELECT e.objid FROM pg_event_trigger_ddl_commands() e
                       WHERE e.classid = 'pg_namespace'::regclass) LOOP
        v_drift := tviews.source_drift(r.c);
        IF v_drift IS NOT NULL THEN
            RAISE EXCEPTION 'this change would leave TVIEW % stale: %', r.tv, v_drift
                USING ERRCODE = '55000',
                      HINT = format('Drop the TVIEW with SELECT pg_tviews_drop(%L) and recreate it after the change; '
                                    'or, in one transaction, SET LOCAL tviews.ddl = ''allow'', make the change, and '
                                    'call Tviews.recompile(%L) before COMMIT.', r.tv, r.tv);
        END IF;
    END LOOP;
END
$$;

-- Event triggers need a superuser; without one, pg_tviews_health_check still reports drift.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        DROP EVENT TRIGGER IF EXISTS tviews_ddl_guard_alter;
        DROP EVENT TRIGGER IF EXISTS tviews_ddl_guard_drop;
        CREATE EVENT TRIGGER tviews_ddl_guard_alter ON ddl_command_end
            WHEN TAG IN ('ALTER TABLE', 'ALTER SCHEMA', 'CREATE VIEW', 'ALTER VIEW', 'CREATE TABLE')
            EXECUTE FUNCTION tviews.ddl_guard();
        CREATE EVENT TRIGGER tviews_ddl_guard_drop ON sql_drop EXECUTE FUNCTION tviews.ddl_guard();
    END IF;
END
$$;
