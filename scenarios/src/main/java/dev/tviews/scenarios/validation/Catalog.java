package dev.tviews.scenarios.validation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tables visible on a connection's search path, as far as loading and validation need them. */
public record Catalog(Map<String, TableInfo> tables) {

    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    /**
     * @param integerKey the single-column integer primary key, which the loader numbers and key
     *                   parameters draw from; empty if the table has none
     */
    public record TableInfo(String name, Optional<String> integerKey, Map<String, ColumnInfo> columns) {
    }

    /** @param type as {@code format_type} prints it, e.g. {@code numeric(10,2)} */
    public record ColumnInfo(String name, String type, boolean notNull, boolean hasDefault, boolean identity,
                             boolean generated) {
    }

    public Optional<TableInfo> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public static Catalog read(Connection c) throws SQLException {
        Map<String, Map<String, ColumnInfo>> columns = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,
                       a.attidentity <> '', a.attgenerated <> ''
                  FROM pg_class c
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)
                   AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
                 ORDER BY c.relname, a.attnum""")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                        new ColumnInfo(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)));
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.relname, a.attname, format_type(a.atttypid, NULL)
                  FROM pg_constraint k
                  JOIN pg_class c ON c.oid = k.conrelid
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
                 WHERE k.contype = 'p' AND cardinality(k.conkey) = 1 AND pg_table_is_visible(c.oid)""")) {
            while (rs.next()) {
                if (INTEGER_TYPES.contains(rs.getString(3))) {
                    keys.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        columns.forEach((table, cols) -> tables.put(table,
                new TableInfo(table, Optional.ofNullable(keys.get(table)), Collections.unmodifiableMap(cols))));
        return new Catalog(Collections.unmodifiableMap(tables));
    }
}
