-- Write tables the generator may touch: ordinary and partitioned tables visible on the search
-- path, outside system schemas and the engines' own schemas, that are not read models (the
-- tviews guard trigger marks those; the caller also names read models to leave out), and not
-- partitions (writes go through their parent) or temporary tables.
SELECT c.oid::bigint, c.oid::regclass::text AS sql_name, c.relname::text,
       EXISTS (SELECT 1 FROM pg_trigger tg
                JOIN pg_proc f ON f.oid = tg.tgfoid
               WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal
                 AND tg.tgname NOT LIKE 'tviews\_%'
                 AND f.pronamespace::regnamespace::text NOT IN ('tviews', 'pgivm')
                 AND f.proname NOT LIKE 'ivm\_%' AND f.proname NOT LIKE 'IVM\_%') AS has_user_triggers
FROM pg_class c
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND c.relpersistence <> 't'
  AND pg_table_is_visible(c.oid)
  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  AND c.relnamespace::regnamespace::text NOT IN ('tviews', 'pgivm', 'pg_toast')
  AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND tg.tgname = 'tviews_guard')
ORDER BY c.relname
