package dev.tviews.checker.variants;


import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and rewrites what the engine generated: the per-(TVIEW, source) trigger fragments in
 * {@code tviews.source} (rebuilt into trigger functions by {@code tviews.rebuild_source}) and the
 * refresh functions {@code tviews.refresh_<id>} / {@code refresh_all_<id>}. Every rewrite becomes
 * SQL with the new text as a literal, so that it can be replayed on a fresh copy.
 */
final class EngineText {

    static final List<String> STATEMENT_FRAGMENTS = List.of("stmt_insert", "stmt_update", "stmt_delete");
    static final List<String> ROW_FRAGMENTS = List.of("row_insert", "row_update", "row_delete");

    /** One stored fragment and the relation it belongs to. */
    record Fragment(int tviewId, String source, String sourceQualified, Optional<String> primaryKey, String column, String text) {
    }

    private EngineText() {
    }

    static List<Fragment> fragments(Connection c, List<String> columns) throws SQLException {
        List<Fragment> out = new ArrayList<>();
        String sql = """
                SELECT s.tview_id, s.source_table::text, format('%I.%I', n.nspname, r.relname),
                       (SELECT CASE WHEN count(*) = 1 THEN min(a.attname) END
                          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         WHERE i.indrelid = s.source_table AND i.indisprimary),
                       s.stmt_insert, s.stmt_update, s.stmt_delete, s.row_insert, s.row_update, s.row_delete
                  FROM tviews.source s JOIN pg_class r ON r.oid = s.source_table JOIN pg_namespace n ON n.oid = r.relnamespace
                 ORDER BY s.tview_id, s.source_table::text""";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String qualified = rs.getString(3);
                for (String column : columns) {
                    out.add(new Fragment(rs.getInt(1), rs.getString(2), qualified, Optional.ofNullable(rs.getString(4)),
                            column, rs.getString(column)));
                }
            }
        }
        return out;
    }

    /**
     * Statements that store {@code change}'s version of the given fragments, then rebuild the
     * trigger functions of the relations whose fragments changed; empty when none changed.
     */
    static List<String> rewriteFragments(Connection c, List<String> columns, java.util.function.Function<Fragment, String> change)
            throws SQLException {
        List<String> out = new ArrayList<>();
        Set<String> rebuilt = new LinkedHashSet<>();
        for (Fragment f : fragments(c, columns)) {
            String changed = change.apply(f);
            if (!changed.equals(f.text())) {
                out.add("UPDATE tviews.source SET " + f.column() + " = " + Identifiers.literal(changed) + " WHERE tview_id = "
                        + f.tviewId() + " AND source_table = " + Identifiers.literal(f.source()) + "::regclass");
                rebuilt.add(f.source());
            }
        }
        for (String source : rebuilt) {
            out.add("SELECT tviews.rebuild_source(" + Identifiers.literal(source) + "::regclass)");
        }
        return out;
    }

    /** TVIEW ids and names, in creation order. */
    record Tview(int id, String table, String keyColumn, String definition) {
    }

    static List<Tview> tviews(Connection c) throws SQLException {
        List<Tview> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, tv_table::text, key_column, definition FROM tviews.tview ORDER BY id")) {
            while (rs.next()) {
                out.add(new Tview(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** {@code CREATE OR REPLACE} of the engine function {@code tviews.<name>} with {@code change} applied; empty if unchanged. */
    static Optional<String> rewriteFunction(Connection c, String name, UnaryOperator<String> change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'tviews' AND p.proname = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String def = rs.getString(1);
                String changed = change.apply(def);
                return changed.equals(def) ? Optional.empty() : Optional.of(changed);
            }
        }
    }

    /** The relation as fragments name it in FROM clauses: {@code "schema"."table"}. */
    static String quotedQualified(Fragment f) {
        String[] parts = f.sourceQualified().split("\\.", 2);
        return Identifiers.qualified(unquote(parts[0]), unquote(parts[1]));
    }

    private static String unquote(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"") : identifier;
    }
}
