package dev.tviews.database.freshness;

import dev.tviews.sql.Identifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project's one freshness oracle: is a read model equal, as a multiset of rows, to what its
 * definition returns now? The SQL is {@code compare.sql} beside this class; the engine's tests,
 * the scenarios' freshness check, the consistency checker (which adds per-path JSON diffs on top)
 * and its psql reproducers all run that statement, built here. The engine's SQL function
 * {@code tviews.verify} runs the same text, which the engine's build copies into its runtime.
 *
 * <p>{@link #prepare} learns the definition's columns once (a {@code LIMIT 0} run); {@link #run}
 * can then be repeated, on any connection to the same database, inside or outside a transaction.
 *
 * @param name       the read model as shown in messages
 * @param columns    the definition's columns, the only ones compared
 * @param types      their type names, as the server reports them (e.g. {@code float8})
 * @param sql        the comparison statement; columns {@code surplus bigint, row jsonb, key text}
 */
public record FreshnessCheck(String name, List<String> columns, List<String> types, String sql) {

    private static final String TEMPLATE = load("compare.sql");

    /** Types without an equality operator PostgreSQL can group by, and what they are compared as instead. */
    private static final Map<String, String> COMPARED_AS = Map.ofEntries(Map.entry("json", "jsonb"),
            Map.entry("_json", "jsonb[]"), Map.entry("xml", "text"), Map.entry("_xml", "text[]"),
            Map.entry("point", "text"), Map.entry("line", "text"), Map.entry("lseg", "text"),
            Map.entry("box", "text"), Map.entry("path", "text"), Map.entry("polygon", "text"),
            Map.entry("circle", "text"));

    public FreshnessCheck {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
    }

    /**
     * The comparison of {@code relationSql} (a relation as SQL, quoted where needed) with
     * {@code definitionSql} (a SELECT without trailing semicolon), keyed by {@code keyColumns}
     * (the first one orders the result and fills {@link StaleRow#key}; when none is given, the
     * definition's first column does: the key only names rows, it does not change the verdict).
     *
     * @throws SQLException when the definition does not run or the relation lacks one of its columns
     */
    public static FreshnessCheck prepare(Connection c, String name, String relationSql, String definitionSql,
                                         List<String> keyColumns) throws SQLException {
        String definition = stripTrailingSemicolons(definitionSql);
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM (\n" + definition + "\n) d LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
        } catch (SQLException e) {
            throw new SQLException("the definition of " + name + " does not run: " + e.getMessage(), e.getSQLState(), e);
        }
        if (keyColumns.isEmpty() && !columns.isEmpty()) {
            keyColumns = columns.subList(0, 1);
        }
        if (keyColumns.isEmpty() || !columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("the definition of " + name + " has no key column " + String.join(", ", keyColumns)
                    + "; its columns are " + columns + " — name a key column the definition returns");
        }
        String quoted = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + quoted + " FROM " + relationSql + " LIMIT 0")) {
            rs.getMetaData();
        } catch (SQLException e) {
            throw new SQLException("read model " + name + " cannot be compared with its definition, whose columns are "
                    + columns + ": " + e.getMessage() + " — create the read model before checking it", e.getSQLState(), e);
        }
        String sql = fill(Map.of(
                "columns", quoted,
                "definitionColumns", projection("d", columns, types),
                "relationColumns", projection("t", columns, types),
                "definition", definition,
                "relation", relationSql,
                "key", Identifiers.literal(keyColumns.get(0))));
        return new FreshnessCheck(name, columns, types, sql);
    }

    /** The rows that differ, in key order; empty when the read model is fresh. */
    public List<StaleRow> run(Connection c) throws SQLException {
        List<StaleRow> out = new ArrayList<>();
        // Prepared, so that pgjdbc switches to a named server-side statement after a few runs and
        // PostgreSQL stops re-planning the (often large) definition at every check.
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new StaleRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new SQLException("the oracle could not compare " + name + " with its definition: "
                    + e.getMessage(), e.getSQLState(), e);
        }
        return out;
    }

    private static String projection(String alias, List<String> columns, List<String> types) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String col = alias + "." + Identifiers.quote(columns.get(i));
            String as = COMPARED_AS.get(types.get(i));
            out.add((as == null ? col : col + "::" + as) + " AS " + Identifiers.quote(columns.get(i)));
        }
        return String.join(", ", out);
    }

    private static String fill(Map<String, String> values) {
        String out = TEMPLATE;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** {@code sql} without the semicolons a definition may end with (it is nested in the comparison). */
    public static String stripTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static String load(String resource) {
        String path = FreshnessCheck.class.getPackageName().replace('.', '/') + "/" + resource;
        try (InputStream in = FreshnessCheck.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + path, e);
        }
    }
}
