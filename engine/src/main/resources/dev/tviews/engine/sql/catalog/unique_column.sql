-- The constraint or index that makes one column of a relation unique by itself, if any: unique,
-- valid, on exactly that column (INCLUDE columns allowed), without predicate or expressions.
-- Deferrable ones count: the id uniqueness they prove is checked at commit, as the tv table's is.
-- Parameters: the relation's oid, the column's name.
SELECT coalesce(k.conname, c.relname)::text
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')
WHERE i.indrelid = ? AND a.attname = ? AND i.indisunique AND i.indisvalid AND i.indnkeyatts = 1
  AND i.indpred IS NULL AND i.indexprs IS NULL
ORDER BY i.indisprimary DESC, k.conname IS NULL, c.relname
LIMIT 1
