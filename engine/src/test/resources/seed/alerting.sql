-- Verbatim from the architect guide, "Alerting Strategy".
-- Performance alerts
CREATE OR REPLACE FUNCTION tview_performance_alerts()
RETURNS TABLE(alert_level text, message text) AS $$
BEGIN
    -- Slow refresh alert
    IF (pg_tviews_queue_stats()->>'total_timing_ms')::float > 5000 THEN
        RETURN QUERY SELECT 'WARNING'::text, 'TVIEW refresh > 5 seconds'::text;
    END IF;

    -- Large queue alert
    IF (pg_tviews_queue_stats()->>'queue_size')::int > 1000 THEN
        RETURN QUERY SELECT 'CRITICAL'::text, 'TVIEW queue > 1000'::text;
    END IF;

    -- Low cache hit rate
    IF (pg_tviews_queue_stats()->>'graph_cache_hit_rate')::float < 0.8 THEN
        RETURN QUERY SELECT 'WARNING'::text, 'Graph cache hit rate < 80%'::text;
    END IF;
END;
$$ LANGUAGE plpgsql;
