-- Verbatim from the architect guide, "Key Metrics to Monitor" and "Cascade Failure Handling".
-- Performance metrics
SELECT pg_tviews_queue_stats();

-- Cache efficiency
SELECT
    (pg_tviews_queue_stats()->>'graph_cache_hit_rate')::float as graph_hit_rate,
    (pg_tviews_queue_stats()->>'table_cache_hit_rate')::float as table_hit_rate;

-- Cascade depth monitoring
SELECT pg_tviews_debug_queue();

-- TVIEW health
SELECT * FROM pg_tviews_health_check();
-- Monitor cascade performance
SELECT pg_tviews_queue_stats();

-- Detect slow cascades
SELECT CASE
    WHEN (pg_tviews_queue_stats()->>'total_timing_ms')::float > 1000
    THEN 'Slow cascade detected'
    ELSE 'OK'
END;
