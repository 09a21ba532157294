-- The server settings that change the benchmarks' numbers, in the order the report shows them.
SELECT s.name, current_setting(s.name) AS value
FROM unnest(ARRAY['server_version', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level',
                  'shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size',
                  'max_connections', 'jit', 'plan_cache_mode', 'autovacuum', 'checkpoint_timeout',
                  'max_wal_size', 'default_transaction_isolation', 'random_page_cost',
                  'shared_preload_libraries']) WITH ORDINALITY AS s(name, position)
WHERE EXISTS (SELECT 1 FROM pg_settings p WHERE p.name = s.name)
ORDER BY s.position
