package dev.tviews.checker.reproduce;

import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tviews engine generated in a database, as SQL that recreates each object: functions of
 * schema {@code tviews}, its sequences, the stored trigger fragments, the engine's triggers on
 * source tables and the database's settings. The difference between a correct engine's snapshot
 * and a broken one's is SQL that turns the first into the second: that is how a reproducer
 * carries a breakage the checker knows nothing about (any SQL run after the TVIEWs were created).
 */
public final class EngineSnapshot {

    private final Map<String, String> objects;

    private EngineSnapshot(Map<String, String> objects) {
        this.objects = objects;
    }

    public static EngineSnapshot capture(Connection c) throws SQLException {
        Map<String, String> objects = new LinkedHashMap<>();
        query(c, """
                SELECT 'sequence ' || sequencename, format('CREATE SEQUENCE IF NOT EXISTS tviews.%I', sequencename)
                  FROM pg_sequences WHERE schemaname = 'tviews' ORDER BY 1""", objects);
        query(c, """
                SELECT 'function ' || p.oid::regprocedure::text, pg_get_functiondef(p.oid)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'tviews' AND p.prokind = 'f' ORDER BY 1""", objects);
        query(c, """
                SELECT 'source ' || tview_id || ' ' || source_table::text,
                       format('UPDATE tviews.source SET stmt_insert = %L, stmt_update = %L, stmt_delete = %L, '
                              'row_insert = %L, row_update = %L, row_delete = %L WHERE tview_id = %s AND source_table = %L::regclass',
                              stmt_insert, stmt_update, stmt_delete, row_insert, row_update, row_delete, tview_id, source_table::text)
                  FROM tviews.source ORDER BY 1""", objects);
        query(c, """
                SELECT 'trigger ' || t.tgname || ' ON ' || t.tgrelid::regclass::text, pg_get_triggerdef(t.oid)
                  FROM pg_trigger t
                 WHERE NOT t.tgisinternal AND t.tgname LIKE 'tviews%' ORDER BY 1""", objects);
        query(c, """
                SELECT 'setting ' || split_part(s, '=', 1),
                       format('DO $$ BEGIN EXECUTE format(''ALTER DATABASE %%I SET %s = %%L'', current_database(), %L); END $$',
                              split_part(s, '=', 1), substr(s, length(split_part(s, '=', 1)) + 2))
                  FROM pg_db_role_setting r, unnest(r.setconfig) AS s
                 WHERE r.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND r.setrole = 0
                 ORDER BY 1""", objects);
        return new EngineSnapshot(objects);
    }

    private static void query(Connection c, String sql, Map<String, String> into) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                into.put(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** SQL that turns a database in {@code correct}'s state into this one's; empty when they agree. */
    public List<String> changesFrom(EngineSnapshot correct) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : objects.entrySet()) {
            String before = correct.objects.get(e.getKey());
            if (e.getValue().equals(before)) {
                continue;
            }
            if (e.getKey().startsWith("trigger ")) {
                out.add("DROP TRIGGER IF EXISTS " + e.getKey().substring("trigger ".length()));
            }
            out.add(e.getValue());
        }
        for (String key : correct.objects.keySet()) {
            if (!objects.containsKey(key)) {
                String name = key.substring(key.indexOf(' ') + 1);
                if (key.startsWith("trigger ")) {
                    out.add("DROP TRIGGER IF EXISTS " + name);
                } else if (key.startsWith("function ")) {
                    out.add("DROP FUNCTION IF EXISTS " + name);
                } else if (key.startsWith("setting ")) {
                    out.add("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET " + name + "', current_database()); END $$");
                } else if (key.startsWith("source ")) {
                    String[] parts = name.split(" ", 2);
                    out.add("DELETE FROM tviews.source WHERE tview_id = " + parts[0] + " AND source_table = "
                            + Identifiers.literal(parts[1]) + "::regclass");
                }
            }
        }
        return out;
    }
}
