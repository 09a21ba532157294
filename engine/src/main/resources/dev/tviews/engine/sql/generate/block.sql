-- One TVIEW's block in a source's trigger function: the keys the changed rows reach, collected in
-- v_keys by {{statements}} (writer locks, then each mapping's hops), then refreshed or queued.
-- {{declarations}}: the variables of the hops, a line each.
    DECLARE
        v_keys {{key_type}}[] := '{}';
{{declarations}}    BEGIN
{{statements}}    END;
