-- A TVIEW's options as tviews.tview.options stores them (OptionsCodec.bind fills the parameters).
-- Partitioning only when there is one, extraSources only when not empty.
(jsonb_build_object('key', ?::text, 'fullRefreshOnUntraceable', ?, 'ginIndexOnData', ?, 'batch', ?,
        'partitioning', CASE WHEN ?::text IS NOT NULL THEN jsonb_build_object('method', ?::text,
                            'column', ?::text, 'partitions', ?::int) END, 'uniqueId', ?)
 || CASE WHEN cardinality(?::text[]) > 0 THEN jsonb_build_object('extraSources', ?::text[])
         ELSE '{}'::jsonb END)
