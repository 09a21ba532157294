-- One TVIEW's catalog entry, a row per source (one row with NULL source columns when it has none),
-- with the index on id that the analysis recorded. Parameter: the TVIEW's name.
SELECT t.tv_table::text, t.key_column, t.depth, s.source_table::text, s.kinds,
       t.analysis -> 'id' ->> 'name', (t.analysis -> 'id' ->> 'unique')::boolean,
       t.analysis -> 'id' ->> 'reason'
FROM tviews.resolve(?) r JOIN tviews.tview t ON t.id = r.id
LEFT JOIN tviews.source s ON s.tview_id = t.id ORDER BY s.source_table::text
