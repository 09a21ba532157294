-- What the analysis decided, as tviews.tview.analysis stores it (CatalogRecords.bindAnalysis fills
-- the parameters): the mappings as text, and the index on id when there is one.
jsonb_build_object('mappings', ?::text[], 'unorderedAggregates', ?, 'id',
        CASE WHEN ?::text IS NOT NULL THEN jsonb_build_object('name', ?::text, 'unique', ?::boolean,
                                                             'reason', ?::text) END)
