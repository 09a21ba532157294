-- A row trigger does not refresh: it appends its keys, as text, to the transaction-local setting
-- {{setting}}, which the statement trigger refreshes once, sorted (runtime.sql, rebuild_source).
        IF cardinality(v_keys) > 0 THEN
            PERFORM set_config({{setting}}, concat_ws(',', nullif(current_setting({{setting}}, true), ''), btrim(v_keys::text[]::text, '{}')), true);
        END IF;
