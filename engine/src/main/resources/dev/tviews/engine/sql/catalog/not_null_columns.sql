-- The columns of a relation declared NOT NULL. Parameter: the relation's oid.
SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped AND attnotnull
