-- One source of a TVIEW: what the runtime's checks need to know of it, and its trigger fragments
-- for each event in both trigger modes, which tviews.rebuild_source assembles.
INSERT INTO tviews.source (tview_id, source_table, kinds, read_columns, stmt_insert, stmt_update,
                           stmt_delete, row_insert, row_update, row_delete)
VALUES (?, ?::regclass, ?, ?::name[], ?, ?, ?, ?, ?, ?)
