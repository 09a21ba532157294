-- Keys and checks of the given tables: primary keys, unique constraints and unique indexes
-- without predicate or expressions (kind 'u'), foreign keys with their actions, check constraints.
SELECT k.conrelid::bigint, k.contype::text, k.conname::text, k.conkey::int[], k.confrelid::bigint,
       k.confkey::int[], k.confdeltype::text, k.confupdtype::text, k.condeferrable
FROM pg_constraint k
WHERE k.conrelid = ANY (?::oid[]) AND k.contype IN ('p', 'u', 'f', 'c')
UNION ALL
SELECT i.indrelid::bigint, 'u', c.relname::text, i.indkey::int2[]::int[], NULL, NULL, NULL, NULL, false
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ANY (?::oid[]) AND i.indisunique AND NOT i.indisprimary
  AND i.indpred IS NULL AND i.indexprs IS NULL
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY 1, 2, 3
