-- The UPDATE block of statement mode: the changed rows whose read columns changed ({{changed_rows}})
-- are computed once; when there are none (an update of columns no TVIEW reads), nothing else runs.
-- {{block}}: block.sql over unnest(v_changed), indented one level more.
    DECLARE
        v_changed {{row_type}}[] := ARRAY({{changed_rows}});
    BEGIN
      IF cardinality(v_changed) > 0 THEN
{{block}}      END IF;
    END;
