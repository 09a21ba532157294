-- The primary key columns of a table, in key order. Parameter: the table's oid.
SELECT a.attname
FROM pg_catalog.pg_index i
JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true
JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.pos
