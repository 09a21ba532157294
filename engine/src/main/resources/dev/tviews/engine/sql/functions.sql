-- The functions a definition calls ($1: oids), with what decides whether the engine can maintain it.
SELECT p.oid::bigint, format('%I.%I', n.nspname, p.proname), p.proname, p.provolatile::text, p.pronargs,
       n.nspname = 'pg_catalog' AS builtin, pg_catalog.pg_get_function_identity_arguments(p.oid)
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.oid = ANY (?::oid[])
ORDER BY p.oid
