-- A recorded TVIEW as a recompile reads it back, its definition as PostgreSQL prints its backing
-- view now (which follows renames). {{options}}: options_columns.sql. Parameter: the TVIEW's name.
SELECT r.id, r.backing_view::oid, n.nspname, k.relname, tviews.definition_of(r.backing_view),
{{options}}
FROM tviews.resolve(?) r JOIN pg_catalog.pg_class k ON k.oid = r.tv_table
JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace
