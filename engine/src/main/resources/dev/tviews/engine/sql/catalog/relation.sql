-- One relation: oid, schema, name, relkind. {{oid}} is the parameter as an oid: the oid itself, or
-- pg_catalog.to_regclass(?) for a name resolved the way PostgreSQL resolves it under search_path.
SELECT c.oid, n.nspname, c.relname, c.relkind::text
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = {{oid}}
