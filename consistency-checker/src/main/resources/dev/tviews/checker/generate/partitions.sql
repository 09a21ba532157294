-- The partitions of each partitioned write table, at every level, and the columns any level
-- partitions by (expression keys are left out): statements may name a partition instead.
SELECT r.oid::bigint,
       ARRAY(SELECT t.relid::regclass::text FROM pg_partition_tree(r.oid) t
             JOIN pg_class k ON k.oid = t.relid
             WHERE t.relid <> r.oid AND k.relkind IN ('r', 'p') ORDER BY t.level, t.relid::regclass::text) AS partitions,
       ARRAY(SELECT DISTINCT a.attname::text FROM pg_partition_tree(r.oid) t
             JOIN pg_partitioned_table pt ON pt.partrelid = t.relid
             CROSS JOIN LATERAL unnest(pt.partattrs::int2[]) AS key(attnum)
             JOIN pg_attribute a ON a.attrelid = t.relid AND a.attnum = key.attnum
             WHERE key.attnum <> 0 ORDER BY 1) AS key_columns
FROM pg_class r
WHERE r.oid = ANY (?::oid[]) AND r.relkind = 'p'
