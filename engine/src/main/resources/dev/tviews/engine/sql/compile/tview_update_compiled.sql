-- A recompile's new analysis ({{analysis}}: analysis_document.sql) and its uniqueId option, which a
-- recompile may add to a TVIEW compiled before the option existed.
UPDATE tviews.tview SET depth = ?, refresh_policy = ?, analysis = {{analysis}},
       options = options || jsonb_build_object('uniqueId', ?)
WHERE id = ?
