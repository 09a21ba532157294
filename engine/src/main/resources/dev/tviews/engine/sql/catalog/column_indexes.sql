-- The indexes of a table on exactly one column, without predicate or expressions, oldest first,
-- the primary key excluded: name, unique, checked immediately, backs a constraint, referenced by
-- a foreign key (which then needs it immediate), and the comment the engine marks its own with.
-- Parameters: the table's oid, the column's name.
SELECT c.relname::text, i.indisunique, i.indimmediate,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
               WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype = 'u'),
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f WHERE f.conindid = i.indexrelid AND f.contype = 'f'),
       pg_catalog.obj_description(i.indexrelid, 'pg_class')
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = ? AND a.attname = ? AND i.indnkeyatts = 1 AND NOT i.indisprimary
  AND i.indpred IS NULL AND i.indexprs IS NULL
ORDER BY i.indexrelid
