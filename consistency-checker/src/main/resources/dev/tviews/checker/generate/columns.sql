-- Columns of the given tables with what a value generator needs: the base type (through one
-- level of domain), its category, type modifier, enum labels, element type of arrays, and how
-- the column gets values by itself (default, identity, generated).
SELECT a.attrelid::bigint, a.attnum, a.attname::text,
       format_type(a.atttypid, a.atttypmod) AS declared_type,
       bt.typname::text AS base_type,
       bt.typcategory::text AS category,
       bt.typtype::text AS type_kind,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
       a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity::text, a.attgenerated::text,
       (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = bt.oid) AS enum_labels,
       et.typname::text AS element_type
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
