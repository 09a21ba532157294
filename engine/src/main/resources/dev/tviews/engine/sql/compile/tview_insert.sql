-- The row of tviews.tview a compile writes. {{options}}: options_document.sql; {{analysis}}:
-- analysis_document.sql.
INSERT INTO tviews.tview (id, tv_table, backing_view, key_column, key_type, definition, options, refresh_policy,
                          depth, analysis)
VALUES (?, ?::regclass, ?::regclass, ?, ?, ?, {{options}}, ?, ?, {{analysis}})
