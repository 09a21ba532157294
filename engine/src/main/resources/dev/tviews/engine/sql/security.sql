-- Privileges (docs/operations.md, "Security"). Installed last, so that it covers every function
-- the runtime files created. An application role needs only its own privileges on tb_* and
-- SELECT on tv_*: the generated trigger and refresh functions are SECURITY DEFINER, owned by the
-- role that created the TVIEW, and pin their search_path.

-- The schema's internals are the owner's: no USAGE for PUBLIC (the default, made explicit), and
-- no EXECUTE on any function, now or created later by the installing role.
REVOKE ALL ON SCHEMA tviews FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA tviews FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA tviews REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The public API: functions that change TVIEWs are the owner's (they run with the caller's rights
-- and would fail for others anyway); the health check runs as its owner for any monitoring role.
REVOKE EXECUTE ON FUNCTION public.pg_tviews_refresh(text), public.pg_tviews_drop(text),
    public.pg_tviews_install_stmt_triggers(), public.pg_tviews_install_row_triggers() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.pg_tviews_health_check(int) TO PUBLIC;
-- Monitoring, likewise: the figures of the caller's transaction and the cumulative ones.
GRANT EXECUTE ON FUNCTION public.pg_tviews_queue_stats(name[]), public.pg_tviews_debug_queue(name[]) TO PUBLIC;
REVOKE EXECUTE ON FUNCTION public.pg_tviews_reset_stats(), public.pg_tviews_set_batching(text, boolean),
    public.pg_tviews_suspend(text), public.pg_tviews_resume(text) FROM PUBLIC;
