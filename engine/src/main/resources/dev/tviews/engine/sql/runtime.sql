-- tviews runtime: catalog tables and the functions that run without Java.
-- Idempotent: every object is created if missing or replaced, so installing over an older
-- runtime upgrades it in place. The installer runs this under an advisory lock.

CREATE SCHEMA IF NOT EXISTS tviews;

CREATE TABLE IF NOT EXISTS tviews.runtime_version (
    version      int         NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per TVIEW.
CREATE TABLE IF NOT EXISTS tviews.tview (
    id             serial PRIMARY KEY,
    tv_table       regclass NOT NULL UNIQUE,
    backing_view   regclass NOT NULL,
    key_column     name     NOT NULL,
    key_type       text     NOT NULL,
    definition     text     NOT NULL,
    options        jsonb    NOT NULL DEFAULT '{}',
    refresh_policy text     NOT NULL DEFAULT 'incremental' CHECK (refresh_policy IN ('incremental', 'full')),
    depth          int      NOT NULL,
    analysis       jsonb    NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- Maintenance suspended for a bulk load (maintenance.sql): its trigger code is left out.
ALTER TABLE tviews.tview ADD COLUMN IF NOT EXISTS suspended boolean NOT NULL DEFAULT false;

-- One row per (TVIEW, relation it reads), with the trigger fragments that map changed rows of
-- that relation to the TVIEW's keys, for each trigger mode and event.
CREATE TABLE IF NOT EXISTS tviews.source (
    tview_id     int      NOT NULL REFERENCES tviews.tview (id) ON DELETE CASCADE,
    source_table regclass NOT NULL,
    kinds        text[]   NOT NULL,
    read_columns name[],                 -- NULL: every column
    stmt_insert  text NOT NULL,
    stmt_update  text NOT NULL,
    stmt_delete  text NOT NULL,
    row_insert   text NOT NULL,
    row_update   text NOT NULL,
    row_delete   text NOT NULL,
    PRIMARY KEY (tview_id, source_table)
);

-- Relations carrying engine triggers; the id names the generated trigger function.
CREATE TABLE IF NOT EXISTS tviews.source_table (
    id  serial PRIMARY KEY,
    rel regclass NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS tviews.setting (
    name  text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO tviews.setting VALUES ('trigger_mode', 'statement') ON CONFLICT (name) DO NOTHING;

-- Refuses writes to tv_* tables that do not come from the engine's refresh functions. The
-- engine marks its writes with a transaction-local setting; this is a guard against mistakes,
-- privileges are the security boundary.
-- The trigger's WHEN clause skips this function for the engine's own writes, so it costs
-- nothing on the refresh path.
CREATE OR REPLACE FUNCTION tviews.guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF coalesce(current_setting('tviews.writing', true), '') <> 'on' THEN
        RAISE EXCEPTION 'table % is a TVIEW maintained by tviews; write to its source tables instead', TG_TABLE_NAME
            USING ERRCODE = '55000',
                  HINT = 'Use pg_tviews_refresh(''' || TG_TABLE_NAME || ''') to rebuild it from its definition.';
    END IF;
    RETURN NULL;
END
$$;

-- Above READ COMMITTED a transaction recomputes from the snapshot it started with, which cannot
-- show what a concurrent transaction committed since: its refresh could then miss rows. So,
-- after taking its locks, a transaction at REPEATABLE READ or SERIALIZABLE checks that no
-- transaction concurrent with its snapshot has committed: neither one in progress when the
-- snapshot was taken, nor one that started later. The newest transaction id is read from a
-- probe row written in a subtransaction that is rolled back. Conservative: a commit anywhere in
-- the database since the snapshot makes the refresh a serialization failure, to be retried.
CREATE UNLOGGED TABLE IF NOT EXISTS tviews.xid_probe (probe int);

CREATE OR REPLACE FUNCTION tviews.check_snapshot() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_snapshot pg_snapshot := pg_current_snapshot();
    v_me       bigint := pg_current_xact_id()::text::bigint;
    v_probe    bigint;
    v_newest   bigint;
BEGIN
    BEGIN
        INSERT INTO tviews.xid_probe DEFAULT VALUES RETURNING xmin::text::bigint INTO v_probe;
        RAISE EXCEPTION 'tviews probe' USING ERRCODE = 'P0001';
    EXCEPTION WHEN raise_exception THEN
        NULL;
    END;
    -- xmin is a 32-bit id: give it the epoch of our own 64-bit id.
    v_newest := (v_me >> 32 << 32) + v_probe;
    IF v_newest < v_me THEN
        v_newest := v_newest + 4294967296;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_snapshot_xip(v_snapshot) AS x
               WHERE x::text::bigint <> v_me AND pg_xact_status(x) = 'committed')
       OR EXISTS (SELECT 1 FROM generate_series(pg_snapshot_xmax(v_snapshot)::text::bigint, v_newest - 1) AS g
                  WHERE g <> v_me AND pg_xact_status(g::text::xid8) = 'committed') THEN
        RAISE EXCEPTION 'could not serialize access: a transaction committed since this % transaction''s snapshot, '
                        'so its TVIEW refresh could miss rows', current_setting('transaction_isolation')
            USING ERRCODE = '40001', HINT = 'Retry the transaction, or run writers at READ COMMITTED.';
    END IF;
END
$$;

-- The concurrency protocol, version 2 (docs/engine.md, "Concurrent writers"): transaction-scoped
-- advisory locks on values. A writer of a row locks the link values its row enters; a refresh that
-- follows a link locks each value it follows before it reads the rows behind it; a refresh locks its
-- keys before recomputing them. All take the value EXCLUSIVE, so no transaction ever upgrades a lock
-- it holds (the classic upgrade deadlock). At READ COMMITTED the later transaction waits until the
-- earlier commits, and its next statement's snapshot sees the earlier one's rows. Above READ
-- COMMITTED a snapshot cannot move, so a lock held by another transaction is a serialization
-- failure instead of a wait.
-- Identities are 64-bit hashes of (class, value): two writers of unrelated values do not share a lock
-- (the first protocol hashed into 1,024 buckets per class, and one bulk statement held most of them).
-- Each call takes its locks in one order, sorted by identity, after an intention lock on the class:
-- SHARED for up to tviews.lock_escalation values (default 256), else the class lock EXCLUSIVE alone.
-- So a statement over thousands of values takes one lock, not thousands: the shared lock table
-- (max_locks_per_transaction) is never exhausted by one statement, and precise lockers of the class
-- wait for the escalated statement, as they would have for its values.
-- The setting tviews.locking = off switches the protocol off; it exists to show in tests that
-- the protocol is what keeps concurrent writers exact.
CREATE OR REPLACE FUNCTION tviews.lock_values(p_class text, p_values anyarray, p_exclusive boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_wait  boolean;
    v_ids   bigint[];
    v_limit int;
    h       bigint;
BEGIN
    IF p_values IS NULL OR cardinality(p_values) = 0
       OR coalesce(current_setting('tviews.locking', true), '') = 'off' THEN
        RETURN;
    END IF;
    v_wait := current_setting('transaction_isolation') = 'read committed';
    v_limit := coalesce(nullif(current_setting('tviews.lock_escalation', true), '')::int, 256);
    IF cardinality(p_values) = 1 THEN
        v_ids := ARRAY[hashtextextended(p_class || '|' || p_values[1]::text, 0)];
        IF v_ids[1] IS NULL THEN
            RETURN;
        END IF;
    ELSE
        v_ids := ARRAY(SELECT DISTINCT hashtextextended(p_class || '|' || v::text, 0) FROM unnest(p_values) AS v
                       WHERE v IS NOT NULL ORDER BY 1);
    END IF;
    IF cardinality(v_ids) > v_limit THEN
        -- Escalated: the class alone, exclusively.
        v_ids := ARRAY[hashtextextended('class|' || p_class, 0)];
        p_exclusive := true;
    ELSIF cardinality(v_ids) > 0 THEN
        v_ids := hashtextextended('class|' || p_class, 0) || v_ids;
    END IF;
    FOR i IN 1 .. cardinality(v_ids) LOOP
        h := v_ids[i];
        -- The class's intention lock (first of several) is shared; value locks and an escalated class lock as asked.
        IF v_wait THEN
            IF p_exclusive AND (i > 1 OR cardinality(v_ids) = 1) THEN PERFORM pg_advisory_xact_lock(h);
            ELSE PERFORM pg_advisory_xact_lock_shared(h); END IF;
        ELSIF NOT (CASE WHEN p_exclusive AND (i > 1 OR cardinality(v_ids) = 1) THEN pg_try_advisory_xact_lock(h)
                        ELSE pg_try_advisory_xact_lock_shared(h) END) THEN
            RAISE EXCEPTION 'could not serialize access: a concurrent transaction is maintaining the same TVIEW rows (lock class %)', p_class
                USING ERRCODE = '40001', HINT = 'Retry the transaction.';
        END IF;
    END LOOP;
    IF p_exclusive AND NOT v_wait THEN
        PERFORM tviews.check_snapshot();
    END IF;
END
$$;

-- Keyed refreshes take the TVIEW's lock in SHARED mode (they never wait for each other), a full
-- refresh in EXCLUSIVE mode, so that it neither overwrites nor is overwritten by a keyed one. It is
-- the intention lock of the TVIEW's key class (lock_values), so an escalated keyed refresh takes it
-- EXCLUSIVE too.
CREATE OR REPLACE FUNCTION tviews.lock_tview(p_id int, p_exclusive boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    h bigint := hashtextextended('class|key|' || p_id, 0);
BEGIN
    IF coalesce(current_setting('tviews.locking', true), '') = 'off' THEN
        RETURN;
    END IF;
    IF current_setting('transaction_isolation') = 'read committed' THEN
        IF p_exclusive THEN PERFORM pg_advisory_xact_lock(h); ELSE PERFORM pg_advisory_xact_lock_shared(h); END IF;
    ELSIF NOT (CASE WHEN p_exclusive THEN pg_try_advisory_xact_lock(h) ELSE pg_try_advisory_xact_lock_shared(h) END) THEN
        RAISE EXCEPTION 'could not serialize access: a concurrent full refresh of TVIEW %', p_id
            USING ERRCODE = '40001', HINT = 'Retry the transaction.';
    ELSIF p_exclusive THEN
        PERFORM tviews.check_snapshot();
    END IF;
END
$$;

-- What a refresh by key locks before it recomputes: the TVIEW in SHARED mode, then its keys. The
-- TVIEW's lock is the intention lock of its key class: a full refresh takes it EXCLUSIVE, and so does
-- a keyed refresh of more keys than tviews.lock_escalation.
CREATE OR REPLACE FUNCTION tviews.lock_keys(p_id int, p_keys anyarray) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tviews.lock_values('key|' || p_id, p_keys, true);
END
$$;

-- The TVIEW called p_name ('tv_post' or 'schema.tv_post'), or SQLSTATE 42704. Not pinned: the name
-- means what it means in the caller's search_path. So every name in the body is schema-qualified,
-- operators too: a hostile object earlier in that path must not run here. Functions that take a
-- name are thin SQL wrappers calling this and then a pinned function that takes the row.
CREATE OR REPLACE FUNCTION tviews.resolve(p_name text) RETURNS tviews.tview
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_rel regclass;
    v     tviews.tview;
BEGIN
    BEGIN
        v_rel := pg_catalog.to_regclass(p_name);
    EXCEPTION WHEN invalid_name OR syntax_error THEN
        v_rel := NULL;
    END;
    IF v_rel IS NOT NULL THEN
        SELECT * INTO v FROM tviews.tview t WHERE t.tv_table OPERATOR(pg_catalog.=) v_rel;
    END IF;
    IF v.id IS NULL THEN
        RAISE EXCEPTION 'TVIEW "%" does not exist', p_name
            USING ERRCODE = '42704',
                  HINT = 'SELECT tv_table FROM tviews.tview lists the TVIEWs of this database.';
    END IF;
    RETURN v;
END
$$;

-- The partitions of a partitioned table at every level (sub-partitioned ones included), by oid;
-- empty for any other relation.
CREATE OR REPLACE FUNCTION tviews.partitions_of(p_rel regclass) RETURNS regclass[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(t.relid ORDER BY t.relid::oid), '{}') FROM pg_partition_tree(p_rel) t WHERE t.relid <> p_rel
$$;

-- Rebuilds the trigger function and triggers of one source relation from the fragments stored
-- for every TVIEW that reads it, in the current trigger mode. With no TVIEW left, removes them.
-- A partitioned source gets its statement triggers on every partition at every level too: a
-- statement fires only the statement triggers of the table it names (the parent's see the rows of
-- every partition it wrote), so a write naming a partition is seen only there. Row triggers go on
-- the parent alone: PostgreSQL clones them onto its partitions, present and future.
CREATE OR REPLACE FUNCTION tviews.rebuild_source(p_src regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET client_min_messages = warning AS $$
DECLARE
    v_mode  text := (SELECT value FROM tviews.setting WHERE name = 'trigger_mode');
    v_id    int;
    v_fn    text;
    v_ins   text := '';
    v_upd   text := '';
    v_del   text := '';
    v_trunc text := '';
    v_drain text := '';
    v_count int := 0;
    v_gen   text := to_char(clock_timestamp(), 'YYYYMMDDHH24MISSUS');
    v_parts regclass[] := tviews.partitions_of(p_src);
    v_rel   regclass;
    v_truncated text := '';
    r       record;
BEGIN
    SELECT id INTO v_id FROM tviews.source_table WHERE rel = p_src;
    -- The engine's triggers on the source, on its partitions, and wherever else its function still
    -- fires (a partition detached since); clones go with the parent's trigger.
    FOR r IN SELECT g.tgrelid::regclass AS rel, g.tgname FROM pg_trigger g
             WHERE g.tgparentid = 0 AND NOT g.tgisinternal
               AND g.tgname IN ('tviews_insert', 'tviews_update', 'tviews_delete', 'tviews_row',
                                'tviews_row_statement', 'tviews_truncate')
               AND (g.tgrelid = p_src OR g.tgrelid = ANY (v_parts)
                    OR v_id IS NOT NULL AND g.tgfoid = to_regprocedure(format('tviews.%I()', 'on_' || v_id)))
             ORDER BY g.tgrelid::oid, g.tgname LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', r.tgname, r.rel);
    END LOOP;

    -- Dependency order: a TVIEW is refreshed after the TVIEWs it reads.
    FOR r IN SELECT s.*, t.id AS tid FROM tviews.source s JOIN tviews.tview t ON t.id = s.tview_id
             WHERE s.source_table = p_src AND NOT t.suspended ORDER BY t.depth, t.id LOOP
        v_count := v_count + 1;
        IF v_mode = 'row' THEN
            v_ins := v_ins || r.row_insert;
            v_upd := v_upd || r.row_update;
            v_del := v_del || r.row_delete;
        ELSE
            v_ins := v_ins || r.stmt_insert;
            v_upd := v_upd || r.stmt_update;
            v_del := v_del || r.stmt_delete;
        END IF;
        v_trunc := v_trunc || format(E'    PERFORM tviews.%I();\n', 'refresh_all_' || r.tid);
        -- Row mode: the statement trigger refreshes the keys the row triggers queued, once each, sorted.
        v_drain := v_drain || format(E'    v_queue := current_setting(%L, true);\n    IF v_queue <> \'\' THEN\n' ||
                                     E'      PERFORM set_config(%L, \'\', true);\n' ||
                                     E'      PERFORM tviews.%I(ARRAY(SELECT DISTINCT x FROM unnest((\'{\' || v_queue || \'}\')::%s[]) AS x ORDER BY 1));\n' ||
                                     E'    END IF;\n',
                                     'tviews.rk_' || r.tid, 'tviews.rk_' || r.tid, 'refresh_' || r.tid,
                                     (SELECT t.key_type FROM tviews.tview t WHERE t.id = r.tid));
    END LOOP;

    IF v_mode = 'row' THEN
        v_drain := E'  IF TG_LEVEL = \'STATEMENT\' AND TG_OP <> \'TRUNCATE\' THEN\n' || v_drain
                   || E'    RETURN NULL;\n  END IF;\n';
    ELSE
        v_drain := '';
    END IF;

    IF v_count = 0 THEN
        IF v_id IS NOT NULL THEN
            EXECUTE format('DROP FUNCTION IF EXISTS tviews.%I()', 'on_' || v_id);
            DELETE FROM tviews.source_table WHERE id = v_id;
        END IF;
        RETURN;
    END IF;
    IF v_id IS NULL THEN
        INSERT INTO tviews.source_table (rel) VALUES (p_src) RETURNING id INTO v_id;
    END IF;
    v_fn := 'on_' || v_id;

    -- Only a partitioned source needs it: every other write pays nothing for it.
    IF cardinality(v_parts) > 0 THEN
        v_truncated := format($g$
  -- A TRUNCATE of a partitioned table fires the TRUNCATE triggers of its partitions as well, after
  -- its own: a table truncated with nothing written to the source since one of its ancestors (or
  -- itself) was is empty already, and is skipped. A write forgets the tables truncated.
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM (SELECT TG_RELID AS relid UNION ALL SELECT relid::oid FROM pg_partition_ancestors(TG_RELID)) a
               WHERE a.relid::text = ANY (string_to_array(current_setting('tviews.truncated_%s', true), ','))) THEN
      RETURN NULL;
    END IF;
    PERFORM set_config('tviews.truncated_%s', concat_ws(',', nullif(current_setting('tviews.truncated_%s', true), ''),
                                                         TG_RELID::text), true);
  ELSIF current_setting('tviews.truncated_%s', true) <> '' THEN
    PERFORM set_config('tviews.truncated_%s', '', true);
  END IF;
$g$, v_id, v_id, v_id, v_id, v_id);
    END IF;
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION tviews.%I() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $tviews_body$
-- Generated by tviews for %s; rebuilt by tviews.rebuild_source. Do not edit.
DECLARE
  v_queue text;
BEGIN
  -- Notes when this backend runs this function (generation %L) for the first time, i.e. compiles
  -- it: pg_tviews_queue_stats() reports the share of refreshes that did not as graph_cache_hit_rate.
  IF current_setting('tviews.graph_%s', true) IS DISTINCT FROM %L THEN
    PERFORM set_config('tviews.graph_%s', %L, false);
    PERFORM set_config('tviews.graph_miss', 'on', true);
  END IF;
%s%s  IF TG_OP = 'INSERT' THEN
    NULL;
%s  ELSIF TG_OP = 'UPDATE' THEN
    NULL;
%s  ELSIF TG_OP = 'DELETE' THEN
    NULL;
%s  ELSE
    NULL;
%s  END IF;
  RETURN NULL;
END
$tviews_body$ $f$, v_fn, p_src, v_gen, v_id, v_gen, v_id, v_gen, v_truncated,
                   v_drain, v_ins, v_upd, v_del, v_trunc);
    -- Runs as the TVIEW owner (docs/operations.md, "Security"); triggers fire without EXECUTE.
    EXECUTE format('REVOKE ALL ON FUNCTION tviews.%I() FROM PUBLIC', v_fn);

    IF v_mode = 'row' THEN
        EXECUTE format('CREATE TRIGGER tviews_row AFTER INSERT OR UPDATE OR DELETE ON %s '
                       'FOR EACH ROW EXECUTE FUNCTION tviews.%I()', p_src, v_fn);
    END IF;
    FOREACH v_rel IN ARRAY p_src || v_parts LOOP
        IF v_mode = 'row' THEN
            -- Fires after the statement's row triggers: refreshes what they queued.
            EXECUTE format('CREATE TRIGGER tviews_row_statement AFTER INSERT OR UPDATE OR DELETE ON %s '
                           'FOR EACH STATEMENT EXECUTE FUNCTION tviews.%I()', v_rel, v_fn);
        ELSE
            EXECUTE format('CREATE TRIGGER tviews_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS tviews_new '
                           'FOR EACH STATEMENT EXECUTE FUNCTION tviews.%I()', v_rel, v_fn);
            EXECUTE format('CREATE TRIGGER tviews_update AFTER UPDATE ON %s '
                           'REFERENCING OLD TABLE AS tviews_old NEW TABLE AS tviews_new '
                           'FOR EACH STATEMENT EXECUTE FUNCTION tviews.%I()', v_rel, v_fn);
            EXECUTE format('CREATE TRIGGER tviews_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS tviews_old '
                           'FOR EACH STATEMENT EXECUTE FUNCTION tviews.%I()', v_rel, v_fn);
        END IF;
        EXECUTE format('CREATE TRIGGER tviews_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT '
                       'EXECUTE FUNCTION tviews.%I()', v_rel, v_fn);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION tviews.set_trigger_mode(p_mode text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
BEGIN
    IF p_mode NOT IN ('statement', 'row') THEN
        RAISE EXCEPTION 'unknown trigger mode "%"', p_mode
            USING ERRCODE = '22023', HINT = 'Use ''statement'' or ''row''.';
    END IF;
    UPDATE tviews.setting SET value = p_mode WHERE name = 'trigger_mode';
    FOR r IN SELECT rel FROM tviews.source_table ORDER BY id LOOP
        PERFORM tviews.rebuild_source(r.rel);
    END LOOP;
    RETURN p_mode;
END
$$;

-- A JSON value with every array sorted, recursively: for comparing documents built by
-- aggregates without ORDER BY, whose element order PostgreSQL does not define.
CREATE OR REPLACE FUNCTION tviews.canonical(p jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE jsonb_typeof(p)
        WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(e.k, tviews.canonical(e.v)), '{}'::jsonb)
                            FROM jsonb_each(p) AS e(k, v))
        WHEN 'array' THEN (SELECT coalesce(jsonb_agg(c ORDER BY c::text), '[]'::jsonb)
                           FROM (SELECT tviews.canonical(x) AS c FROM jsonb_array_elements(p) AS x) s)
        ELSE p END
$$;

-- Rows where the tv_* table and its definition disagree: key, and whether the row is
-- missing from the table, extra in it, or differs. Empty means fresh.
-- p_keys restricts the comparison to those keys (the health check's sample); NULL: every row.
CREATE OR REPLACE FUNCTION tviews.verify_tview(v tviews.tview, p_keys text[] DEFAULT NULL)
RETURNS TABLE (key text, problem text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_only text := CASE WHEN p_keys IS NULL THEN '' ELSE format(' WHERE tviews_row.%I = ANY (%L::%s[])', v.key_column, p_keys, v.key_type) END;
    v_columns text;
    v_definition_columns text;
    v_relation_columns text;
BEGIN
    -- The definition's columns, projected as the shared comparison groups them (json as jsonb,
    -- types without an equality operator as text), like FreshnessCheck does in Java.
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum),
           string_agg(format('d.%I', a.attname) || c.cast_to || format(' AS %I', a.attname), ', ' ORDER BY a.attnum),
           string_agg(format('t.%I', a.attname) || c.cast_to || format(' AS %I', a.attname), ', ' ORDER BY a.attnum)
    INTO v_columns, v_definition_columns, v_relation_columns
    FROM pg_attribute a
    CROSS JOIN LATERAL (SELECT CASE
        WHEN a.atttypid = 'json'::regtype THEN '::jsonb'
        WHEN a.atttypid = 'json[]'::regtype THEN '::jsonb[]'
        WHEN a.atttypid = 'xml[]'::regtype THEN '::text[]'
        WHEN a.atttypid IN ('xml'::regtype, 'point'::regtype, 'line'::regtype, 'lseg'::regtype, 'box'::regtype,
                            'path'::regtype, 'polygon'::regtype, 'circle'::regtype) THEN '::text'
        ELSE '' END AS cast_to) c
    WHERE a.attrelid = v.backing_view AND a.attnum > 0 AND NOT a.attisdropped;
    -- The comparison below is the project's one freshness comparison (database module,
    -- dev/tviews/database/freshness/compare.sql), put in by the installer. Its rows are grouped
    -- by key here: a key only the definition has is missing, one only the table has is extra, one
    -- on both sides differs, unless the definition has unordered aggregates and the two rows are
    -- equal once their arrays are sorted (their element order is not defined).
    RETURN QUERY EXECUTE format($q$
        WITH stale AS (
{{freshness_comparison}}
        )
        SELECT s.key,
               CASE WHEN bool_and(s.surplus > 0) THEN 'missing' WHEN bool_and(s.surplus < 0) THEN 'extra' ELSE 'differs' END
        FROM stale s
        GROUP BY s.key
        HAVING NOT (%8$L AND count(*) = 2 AND bool_or(s.surplus = 1) AND bool_or(s.surplus = -1)
                    AND tviews.canonical((array_agg(s.row) FILTER (WHERE s.surplus > 0))[1])
                      = tviews.canonical((array_agg(s.row) FILTER (WHERE s.surplus < 0))[1]))
        ORDER BY 1 $q$, v_columns, v_definition_columns, v_relation_columns, v.backing_view, v.tv_table, v_only,
        v.key_column, coalesce((v.analysis ->> 'unorderedAggregates')::boolean, false));
END
$$;

CREATE OR REPLACE FUNCTION tviews.verify(p_name text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql AS $$ SELECT * FROM tviews.verify_tview(tviews.resolve(p_name)) $$;

CREATE OR REPLACE FUNCTION tviews.drop_tview(v tviews.tview) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_readers  text;
    v_sources  regclass[];
    r          regclass;
BEGIN
    SELECT string_agg(t.tv_table::text, ', ') INTO v_readers
    FROM tviews.source s JOIN tviews.tview t ON t.id = s.tview_id
    WHERE s.source_table = v.tv_table AND t.id <> v.id;
    IF v_readers IS NOT NULL THEN
        RAISE EXCEPTION 'cannot drop TVIEW %: TVIEW % reads it', v.tv_table, v_readers
            USING ERRCODE = '2BP01', HINT = 'Drop the TVIEWs that read it first.';
    END IF;
    SELECT array_agg(source_table) INTO v_sources FROM tviews.source WHERE tview_id = v.id;
    DELETE FROM tviews.tview WHERE id = v.id;
    FOREACH r IN ARRAY coalesce(v_sources, '{}') LOOP
        PERFORM tviews.rebuild_source(r);
    END LOOP;
    -- The tv table may itself carry triggers if it was ever a source; they went with its readers.
    PERFORM set_config('tviews.writing', 'on', true);
    EXECUTE format('DROP TABLE %s', v.tv_table);
    EXECUTE format('DROP VIEW %s', v.backing_view);
    EXECUTE format('DROP FUNCTION IF EXISTS tviews.%I(%s[])', 'refresh_' || v.id, v.key_type);
    EXECUTE format('DROP FUNCTION IF EXISTS tviews.%I()', 'refresh_all_' || v.id);
    EXECUTE format('DROP FUNCTION IF EXISTS tviews.%I()', 'batch_' || v.id);
    DELETE FROM tviews.stats WHERE tview_id = v.id;
    PERFORM set_config('tviews.writing', 'off', true);
END
$$;

CREATE OR REPLACE FUNCTION tviews.drop_tview(p_name text) RETURNS void
LANGUAGE sql AS $$ SELECT tviews.drop_tview(tviews.resolve(p_name)) $$;

CREATE OR REPLACE FUNCTION tviews.refresh_tview(v tviews.tview) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE format('SELECT tviews.%I()', 'refresh_all_' || v.id);
END
$$;

-- The seed's SQL API, callable from psql.
CREATE OR REPLACE FUNCTION public.pg_tviews_refresh(p_name text) RETURNS void
LANGUAGE sql AS $$ SELECT tviews.refresh_tview(tviews.resolve(p_name)) $$;

CREATE OR REPLACE FUNCTION public.pg_tviews_drop(p_name text) RETURNS void
LANGUAGE sql AS $$ SELECT tviews.drop_tview(p_name) $$;

CREATE OR REPLACE FUNCTION public.pg_tviews_install_stmt_triggers() RETURNS text
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$ SELECT tviews.set_trigger_mode('statement') $$;

CREATE OR REPLACE FUNCTION public.pg_tviews_install_row_triggers() RETURNS text
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$ SELECT tviews.set_trigger_mode('row') $$;
