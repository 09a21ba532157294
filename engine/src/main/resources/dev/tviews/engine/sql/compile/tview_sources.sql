-- The relations a TVIEW reads, as schema.table quoted where needed. Parameter: the TVIEW's id.
SELECT format('%I.%I', n.nspname, k.relname) FROM tviews.source s
JOIN pg_catalog.pg_class k ON k.oid = s.source_table
JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace WHERE s.tview_id = ?
