-- The live columns of a relation, in order: name, number, type as PostgreSQL prints it.
-- Parameter: the relation's oid.
SELECT attname, attnum, pg_catalog.format_type(atttypid, atttypmod)
FROM pg_catalog.pg_attribute
WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum
