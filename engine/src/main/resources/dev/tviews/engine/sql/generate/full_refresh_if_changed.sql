-- An UPDATE of a source refreshed as a whole: the full refresh runs only when a read column changed.
    IF EXISTS ({{changed_rows}}) THEN
        PERFORM tviews.{{function}}();
    END IF;
