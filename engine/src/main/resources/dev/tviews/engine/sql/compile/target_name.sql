-- Splits a TVIEW's name as written (tv_x, schema.tv_x, quoted parts allowed) into schema and table;
-- the schema defaults to current_schema(), NULL when the search_path is empty. Parameter: the name.
SELECT coalesce(p[array_length(p, 1) - 1], current_schema()), p[array_length(p, 1)] FROM parse_ident(?) AS p
