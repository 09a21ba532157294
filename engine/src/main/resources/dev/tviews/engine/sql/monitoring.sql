-- tviews monitoring: refresh figures per transaction and since the last reset, and the seed's
-- pg_tviews_queue_stats() / pg_tviews_debug_queue(). Installed after runtime.sql; idempotent.
--
-- A backend's figures of one TVIEW live in one session-level setting, tviews.st_<id>, a bigint[19]
-- (a setting, not a table, so that they roll back with the work they describe and cost no write):
--   [1]      the transaction the next seven belong to (pg_current_xact_id)
--   [2:8]    that transaction's refreshes, keys, rows written, rows unchanged, rows deleted,
--            full refreshes, microseconds spent refreshing
--   [9:19]   cumulative figures not written to tviews.stats yet, in the order of its counters
-- One setting, read and written once per refresh: the write path's bookkeeping is one call.
--   tviews.q_<id>      keys queued by batching and not refreshed yet (a <key type>[] literal)
-- Cumulative figures live in tviews.stats, one row per (backend, TVIEW). A backend only ever
-- updates its own rows, so counting never makes two writers wait for each other; a new backend
-- that reuses a process id simply goes on adding to the same row.

CREATE UNLOGGED TABLE IF NOT EXISTS tviews.stats (
    backend        int    NOT NULL,
    tview_id       int    NOT NULL,
    refreshes      bigint NOT NULL DEFAULT 0,
    keys_refreshed bigint NOT NULL DEFAULT 0,
    rows_written   bigint NOT NULL DEFAULT 0,
    rows_unchanged bigint NOT NULL DEFAULT 0,
    rows_deleted   bigint NOT NULL DEFAULT 0,
    full_refreshes bigint NOT NULL DEFAULT 0,
    refresh_us     bigint NOT NULL DEFAULT 0,
    -- Refresh calls that ran on a plan this backend had prepared before, and calls that had to
    -- prepare it (the first refresh of a TVIEW in a connection, or the first after a recompile).
    plan_hits      bigint NOT NULL DEFAULT 0,
    plan_misses    bigint NOT NULL DEFAULT 0,
    -- Refresh calls made by a trigger function this backend had already compiled (the source
    -- table's dependency code), and calls whose trigger function it had to compile first.
    graph_hits     bigint NOT NULL DEFAULT 0,
    graph_misses   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (backend, tview_id)
) WITH (fillfactor = 50);  -- room for HOT updates: every refresh updates its backend's row

INSERT INTO tviews.setting VALUES ('stats_reset', now()::text) ON CONFLICT (name) DO NOTHING;

-- Called by every refresh function once it has written: adds to this transaction's figures and,
-- unless tviews.stats = off, to the cumulative ones. A transaction writes its backend's row of
-- tviews.stats at most once per TVIEW, at its first refresh of it: updating one row many times in
-- one transaction makes every update walk the chain of the row's versions (quadratic). Later
-- refreshes of the transaction add to the pending part of tviews.st_<id>, which the next
-- transaction's first refresh writes. Session-level settings follow the transaction: an abort
-- reverts them together with the row it updated, so nothing is counted twice or lost to a
-- rollback. The calling backend's pending figures are shown at once by pg_tviews_queue_stats().
CREATE OR REPLACE FUNCTION tviews.add_stats(p_id int, p_refreshes bigint, p_keys bigint, p_written bigint,
                                            p_unchanged bigint, p_deleted bigint, p_full bigint,
                                            p_started timestamptz, p_plan_hit boolean) RETURNS void
-- No SET clause: it is on every refresh's path and runs only inside the pinned refresh functions.
LANGUAGE plpgsql AS $$
DECLARE
    v_us    bigint := (extract(epoch FROM clock_timestamp() - p_started) * 1000000)::bigint;
    v_xid   bigint := pg_current_xact_id()::text::bigint;
    v       bigint[] := coalesce(nullif(current_setting('tviews.st_' || p_id, true), '')::bigint[],
                                 '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}');
    v_first boolean := v[1] IS DISTINCT FROM v_xid;
    v_miss  int := 0;
BEGIN
    IF v_first THEN
        v[2:8] := '{0,0,0,0,0,0,0}'::bigint[];
    END IF;
    IF current_setting('tviews.stats', true) IS NOT DISTINCT FROM 'off' THEN
        v := ARRAY[v_xid, v[2] + p_refreshes, v[3] + p_keys, v[4] + p_written, v[5] + p_unchanged,
                   v[6] + p_deleted, v[7] + p_full, v[8] + v_us] || v[9:19];
    ELSE
        -- Set by a trigger function that this backend had to compile first (rebuild_source).
        IF current_setting('tviews.graph_miss', true) IS NOT DISTINCT FROM 'on' THEN
            v_miss := 1;
            PERFORM set_config('tviews.graph_miss', 'off', true);
        END IF;
        -- The transaction's figures, then the pending cumulative ones: refreshes, keys, written,
        -- unchanged, deleted, full, us, plan hits, plan misses, graph hits, graph misses.
        v := ARRAY[v_xid, v[2] + p_refreshes, v[3] + p_keys, v[4] + p_written, v[5] + p_unchanged,
                   v[6] + p_deleted, v[7] + p_full, v[8] + v_us,
                   v[9] + p_refreshes, v[10] + p_keys, v[11] + p_written, v[12] + p_unchanged, v[13] + p_deleted,
                   v[14] + p_full, v[15] + v_us, v[16] + p_plan_hit::int, v[17] + (NOT p_plan_hit)::int,
                   v[18] + 1 - v_miss, v[19] + v_miss];
        IF v_first THEN
            UPDATE tviews.stats s SET refreshes = s.refreshes + v[9], keys_refreshed = s.keys_refreshed + v[10],
                                      rows_written = s.rows_written + v[11], rows_unchanged = s.rows_unchanged + v[12],
                                      rows_deleted = s.rows_deleted + v[13], full_refreshes = s.full_refreshes + v[14],
                                      refresh_us = s.refresh_us + v[15], plan_hits = s.plan_hits + v[16],
                                      plan_misses = s.plan_misses + v[17], graph_hits = s.graph_hits + v[18],
                                      graph_misses = s.graph_misses + v[19]
            WHERE s.backend = pg_backend_pid() AND s.tview_id = p_id;
            IF NOT FOUND THEN
                INSERT INTO tviews.stats AS s (backend, tview_id, refreshes, keys_refreshed, rows_written, rows_unchanged,
                                               rows_deleted, full_refreshes, refresh_us, plan_hits, plan_misses,
                                               graph_hits, graph_misses)
                VALUES (pg_backend_pid(), p_id, v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19])
                ON CONFLICT (backend, tview_id) DO UPDATE SET refreshes = s.refreshes + excluded.refreshes,
                    keys_refreshed = s.keys_refreshed + excluded.keys_refreshed, rows_written = s.rows_written + excluded.rows_written,
                    rows_unchanged = s.rows_unchanged + excluded.rows_unchanged, rows_deleted = s.rows_deleted + excluded.rows_deleted,
                    full_refreshes = s.full_refreshes + excluded.full_refreshes, refresh_us = s.refresh_us + excluded.refresh_us,
                    plan_hits = s.plan_hits + excluded.plan_hits, plan_misses = s.plan_misses + excluded.plan_misses,
                    graph_hits = s.graph_hits + excluded.graph_hits, graph_misses = s.graph_misses + excluded.graph_misses;
            END IF;
            v := v[1:8] || '{0,0,0,0,0,0,0,0,0,0,0}'::bigint[];
        END IF;
    END IF;
    PERFORM set_config('tviews.st_' || p_id, v::text, false);
END
$$;

-- This backend's figures for one TVIEW not written to tviews.stats yet (see add_stats), in the
-- order of tviews.stats' counters.
CREATE OR REPLACE FUNCTION tviews.pending_stats(p_id int) RETURNS bigint[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((nullif(current_setting('tviews.st_' || p_id, true), '')::bigint[])[9:19],
                    '{0,0,0,0,0,0,0,0,0,0,0}')
$$;

-- This transaction's figures for one TVIEW (see add_stats): refreshes, keys, rows written, rows
-- unchanged, rows deleted, full refreshes, microseconds.
CREATE OR REPLACE FUNCTION tviews.transaction_figures(p_id int) RETURNS bigint[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN v[1] = pg_current_xact_id_if_assigned()::text::bigint THEN v[2:8] ELSE '{0,0,0,0,0,0,0}' END
    FROM (SELECT coalesce(nullif(current_setting('tviews.st_' || p_id, true), '')::bigint[], '{0}') AS v) s
$$;

-- tviews.stats with the calling backend's pending figures added: what pg_tviews_queue_stats() sums.
CREATE OR REPLACE FUNCTION tviews.current_stats()
RETURNS TABLE (tview_id int, refreshes bigint, keys_refreshed bigint, rows_written bigint, rows_unchanged bigint,
               rows_deleted bigint, full_refreshes bigint, refresh_us bigint, plan_hits bigint, plan_misses bigint,
               graph_hits bigint, graph_misses bigint)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- A standby cannot read an unlogged table, and would find it empty (unlogged tables are not
    -- replicated): the cumulative figures are the primary's to tell.
    IF NOT pg_is_in_recovery() THEN
        RETURN QUERY
            SELECT s.tview_id, s.refreshes, s.keys_refreshed, s.rows_written, s.rows_unchanged, s.rows_deleted,
                   s.full_refreshes, s.refresh_us, s.plan_hits, s.plan_misses, s.graph_hits, s.graph_misses
            FROM tviews.stats s;
    END IF;
    RETURN QUERY
        SELECT t.id, p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]
        FROM tviews.tview t, tviews.pending_stats(t.id) AS p;
END
$$;

-- Keys of one TVIEW queued in this transaction and not refreshed yet, deduplicated, as text.
CREATE OR REPLACE FUNCTION tviews.queued_keys(p_id int) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT k ORDER BY k), '{}')
    FROM unnest(coalesce(nullif(current_setting('tviews.q_' || p_id, true), ''), '{}')::text[]) AS k
$$;

-- This transaction's figures and queue, per TVIEW (dependency order). Dropped first: runtime
-- version 1 had the same function with fewer columns.
DROP FUNCTION IF EXISTS tviews.transaction_stats();
CREATE FUNCTION tviews.transaction_stats()
RETURNS TABLE (tview text, refreshes bigint, keys_refreshed bigint, rows_written bigint, rows_unchanged bigint,
               rows_deleted bigint, full_refreshes bigint, refresh_ms double precision, queued_keys bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    r record;
    v bigint[];
BEGIN
    FOR r IN SELECT t.id, t.tv_table FROM tviews.tview t ORDER BY t.depth, t.id LOOP
        v := tviews.transaction_figures(r.id);
        tview := r.tv_table::text;
        refreshes := v[1]; keys_refreshed := v[2]; rows_written := v[3];
        rows_unchanged := v[4]; rows_deleted := v[5]; full_refreshes := v[6];
        refresh_ms := coalesce(v[7], 0) / 1000.0;
        queued_keys := cardinality(tviews.queued_keys(r.id));
        RETURN NEXT;
    END LOOP;
END
$$;

-- A relation's name as a caller whose search_path resolves to p_schemas (current_schemas(true))
-- would write it: unqualified when that path finds it, qualified otherwise, like regclass::text.
CREATE OR REPLACE FUNCTION tviews.display_name(p_rel regclass, p_schemas name[]) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN (SELECT n2.nspname FROM unnest(p_schemas) WITH ORDINALITY AS s(nsp, pos)
                      JOIN pg_namespace n2 ON n2.nspname = s.nsp
                      JOIN pg_class c2 ON c2.relnamespace = n2.oid AND c2.relname = c.relname
                      ORDER BY s.pos LIMIT 1) = n.nspname
                THEN quote_ident(c.relname)
                ELSE quote_ident(n.nspname) || '.' || quote_ident(c.relname) END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = p_rel
$$;

-- Hits over lookups, NULL when there were none (an alert on "rate < 0.8" then stays quiet).
CREATE OR REPLACE FUNCTION tviews.hit_rate(p_hits numeric, p_misses numeric) RETURNS double precision
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT CASE WHEN p_hits + p_misses > 0 THEN (p_hits / (p_hits + p_misses))::float8 END $$;

-- The seed's monitoring entry point. Fields (docs/operations.md, "Monitoring"):
--   queue_size            keys queued by batching in this transaction, not refreshed yet
--   total_timing_ms       time this transaction has spent refreshing TVIEWs
--   graph_cache_hit_rate  share of trigger firings that reused their backend's compiled
--                         dependency code (since the last reset, all backends)
--   table_cache_hit_rate  share of refreshes that reused their backend's prepared refresh plan
--   batching              whether this transaction batches (SET LOCAL tviews.batch)
--   transaction           this transaction's refreshes, keys_refreshed, rows_* and full_refreshes
--   tviews                per TVIEW, since stats_reset: the same counters, refresh_ms, queued_keys
--                         and suspended
--   totals                the per-TVIEW counters summed
--
-- Runs as its owner, so that any role may monitor (docs/operations.md, "Security"); TVIEWs are
-- named as the caller's search_path shows them, which the default argument captures.
DROP FUNCTION IF EXISTS public.pg_tviews_queue_stats();
CREATE OR REPLACE FUNCTION public.pg_tviews_queue_stats(p_schemas name[] DEFAULT current_schemas(true)) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_tx     jsonb;
    v_tviews jsonb;
    v_totals jsonb;
    v_rates  record;
BEGIN
    SELECT jsonb_build_object('queue_size', coalesce(sum(queued_keys), 0),
                              'total_timing_ms', round(coalesce(sum(refresh_ms), 0)::numeric, 3),
                              'refreshes', coalesce(sum(refreshes), 0),
                              'keys_refreshed', coalesce(sum(keys_refreshed), 0),
                              'rows_written', coalesce(sum(rows_written), 0),
                              'rows_unchanged', coalesce(sum(rows_unchanged), 0),
                              'rows_deleted', coalesce(sum(rows_deleted), 0),
                              'full_refreshes', coalesce(sum(full_refreshes), 0))
    INTO v_tx FROM tviews.transaction_stats();

    SELECT coalesce(jsonb_object_agg(tviews.display_name(t.tv_table, p_schemas), jsonb_build_object(
               'refreshes', coalesce(s.refreshes, 0), 'keys_refreshed', coalesce(s.keys_refreshed, 0),
               'rows_written', coalesce(s.rows_written, 0), 'rows_unchanged', coalesce(s.rows_unchanged, 0),
               'rows_deleted', coalesce(s.rows_deleted, 0), 'full_refreshes', coalesce(s.full_refreshes, 0),
               'refresh_ms', round(coalesce(s.refresh_us, 0) / 1000.0, 3),
               'queued_keys', cardinality(tviews.queued_keys(t.id)),
               'suspended', t.suspended)), '{}')
    INTO v_tviews
    FROM tviews.tview t
    LEFT JOIN (SELECT tview_id, sum(refreshes) AS refreshes, sum(keys_refreshed) AS keys_refreshed,
                      sum(rows_written) AS rows_written, sum(rows_unchanged) AS rows_unchanged,
                      sum(rows_deleted) AS rows_deleted, sum(full_refreshes) AS full_refreshes,
                      sum(refresh_us) AS refresh_us
               FROM tviews.current_stats() GROUP BY tview_id) s ON s.tview_id = t.id;

    SELECT coalesce(sum(refreshes), 0) AS refreshes, coalesce(sum(keys_refreshed), 0) AS keys_refreshed,
           coalesce(sum(rows_written), 0) AS rows_written, coalesce(sum(rows_unchanged), 0) AS rows_unchanged,
           coalesce(sum(rows_deleted), 0) AS rows_deleted, coalesce(sum(full_refreshes), 0) AS full_refreshes,
           round(coalesce(sum(refresh_us), 0) / 1000.0, 3) AS refresh_ms,
           tviews.hit_rate(coalesce(sum(graph_hits), 0), coalesce(sum(graph_misses), 0)) AS graph_rate,
           tviews.hit_rate(coalesce(sum(plan_hits), 0), coalesce(sum(plan_misses), 0)) AS plan_rate
    INTO v_rates FROM tviews.current_stats() WHERE tview_id IN (SELECT id FROM tviews.tview);
    v_totals := jsonb_build_object('refreshes', v_rates.refreshes, 'keys_refreshed', v_rates.keys_refreshed,
                                   'rows_written', v_rates.rows_written, 'rows_unchanged', v_rates.rows_unchanged,
                                   'rows_deleted', v_rates.rows_deleted, 'full_refreshes', v_rates.full_refreshes,
                                   'refresh_ms', v_rates.refresh_ms);

    RETURN jsonb_build_object(
        'queue_size', v_tx -> 'queue_size',
        'total_timing_ms', v_tx -> 'total_timing_ms',
        'graph_cache_hit_rate', v_rates.graph_rate,
        'table_cache_hit_rate', v_rates.plan_rate,
        'batching', coalesce(current_setting('tviews.batch', true), '') = 'on',
        'transaction', v_tx - 'queue_size' - 'total_timing_ms',
        'tviews', v_tviews,
        'totals', v_totals,
        'stats_reset', (SELECT value FROM tviews.setting WHERE name = 'stats_reset'),
        -- On a standby the cumulative figures are the primary's (kept in an unlogged table, not replicated).
        'standby', pg_is_in_recovery());
END
$$;

-- What the current transaction has queued and refreshed, per TVIEW in dependency order; the
-- queued keys are listed (up to 100 per TVIEW) so that a surprising cascade can be traced.
-- Runs as its owner, like pg_tviews_queue_stats().
DROP FUNCTION IF EXISTS public.pg_tviews_debug_queue();
CREATE OR REPLACE FUNCTION public.pg_tviews_debug_queue(p_schemas name[] DEFAULT current_schemas(true))
RETURNS TABLE (tview text, depth int, batched boolean, queued_keys bigint, queued_sample text[],
               refreshes bigint, keys_refreshed bigint, rows_written bigint, rows_unchanged bigint,
               rows_deleted bigint, full_refreshes bigint, refresh_ms double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT tviews.display_name(t.tv_table, p_schemas), t.depth,
           coalesce(nullif(current_setting('tviews.batch', true), ''),
                    CASE WHEN coalesce((t.options ->> 'batch')::boolean, false) THEN 'on' ELSE 'off' END) = 'on',
           s.queued_keys, (tviews.queued_keys(t.id))[1:100],
           s.refreshes, s.keys_refreshed, s.rows_written, s.rows_unchanged, s.rows_deleted, s.full_refreshes,
           s.refresh_ms
    FROM tviews.transaction_stats() s JOIN tviews.tview t ON t.tv_table::text = s.tview
    ORDER BY t.depth, t.id
$$;

-- Starts the cumulative figures afresh. Other backends' pending figures (see add_stats) are
-- written with their next refresh, so a reset counts from about now.
CREATE OR REPLACE FUNCTION public.pg_tviews_reset_stats() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_is_in_recovery() THEN
        RAISE EXCEPTION 'pg_tviews_reset_stats() resets the statistics the primary keeps: run it on the primary, '
                        'not on this standby' USING ERRCODE = '25006';
    END IF;
    DELETE FROM tviews.stats;
    PERFORM set_config('tviews.st_' || id, (f[1:8] || '{0,0,0,0,0,0,0,0,0,0,0}'::bigint[])::text, false)
    FROM tviews.tview, LATERAL (SELECT coalesce(nullif(current_setting('tviews.st_' || id, true), '')::bigint[],
                                               '{0,0,0,0,0,0,0,0}') AS f) s;
    UPDATE tviews.setting SET value = now()::text WHERE name = 'stats_reset';
END
$$;
