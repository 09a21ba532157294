-- What PostgreSQL records that a view's rewrite rule reads: relation oid and column number (0 for
-- a whole-row reference). Parameters: the view's oid, twice (the view depends on itself).
SELECT DISTINCT d.refobjid::bigint, d.refobjsubid
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
WHERE r.ev_class = ? AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> ?
ORDER BY 1, 2
