-- Names of floating-point columns anywhere outside the system schemas: a definition that names one
-- may compute with floating point, whose last bits depend on the order of evaluation.
SELECT DISTINCT a.attname::text, t.typname::text
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid OR (t.oid = (SELECT typbasetype FROM pg_type d WHERE d.oid = a.atttypid AND d.typtype = 'd'))
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND t.typname IN ('float4', 'float8')
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
