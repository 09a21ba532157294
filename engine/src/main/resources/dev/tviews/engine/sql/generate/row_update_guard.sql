-- A row trigger on UPDATE runs {{body}} only when a column the TVIEW reads changed.
    IF {{old_row}} IS DISTINCT FROM {{new_row}} THEN
{{body}}    END IF;
