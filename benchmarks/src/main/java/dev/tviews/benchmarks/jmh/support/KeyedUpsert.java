package dev.tviews.benchmarks.jmh.support;

import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hand-written baseline: what a developer writes without an engine, and the lower bound an engine
 * that recomputes by key could reach. One prepared {@code INSERT … SELECT <definition> WHERE <column>
 * restricted to the written keys ON CONFLICT (key) DO UPDATE … WHERE the row changed} per read model and
 * restriction, run in the writing transaction; deleted keys are removed with one {@code DELETE}.
 * The restriction is on a column of the definition's output (the key, or a foreign key such as
 * {@code fk_category} for a cascade), so the planner pushes it into the definition, through GROUP BY.
 */
public final class KeyedUpsert implements AutoCloseable {

    private final Connection c;
    private final String table;
    private final String column;
    private final PreparedStatement one;
    private final PreparedStatement many;
    private final PreparedStatement range;
    private final PreparedStatement delete;
    private final PreparedStatement deleteRange;

    private KeyedUpsert(Connection c, String table, String column, List<String> sql) throws SQLException {
        this.c = c;
        this.table = table;
        this.column = column;
        this.one = c.prepareStatement(sql.get(0));
        this.many = c.prepareStatement(sql.get(1));
        this.range = c.prepareStatement(sql.get(2));
        this.delete = c.prepareStatement(sql.get(3));
        this.deleteRange = c.prepareStatement(sql.get(4));
    }

    /** Upserts of {@code tv} restricted on its output column {@code restriction}. */
    public static KeyedUpsert of(Connection c, TviewDefinition tv, String restriction) throws SQLException {
        return new KeyedUpsert(c, tv.name(), restriction, sql(c, tv, restriction));
    }

    /** Restricted by {@code = ?}, by {@code = ANY (?)}, by {@code BETWEEN ? AND ?}; the delete by keys and by a key range. */
    static List<String> sql(Connection c, TviewDefinition tv, String restriction) throws SQLException {
        String definition = tv.select().parsed().positionalSql();
        List<String> columns = columns(c, definition);
        String key = Identifiers.quote(tv.key());
        String table = Identifiers.quote(tv.name());
        String list = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        List<String> nonKey = columns.stream().filter(n -> !n.equals(tv.key())).map(Identifiers::quote).toList();
        String set = nonKey.stream().map(n -> n + " = excluded." + n).collect(Collectors.joining(", "));
        String changed = "(" + nonKey.stream().map(n -> "t." + n).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                + nonKey.stream().map(n -> "excluded." + n).collect(Collectors.joining(", ")) + ")";
        String head = "INSERT INTO " + table + " AS t (" + list + ")\nSELECT " + list + " FROM (\n" + definition + "\n) d\nWHERE d."
                + Identifiers.quote(restriction);
        String tail = "\nON CONFLICT (" + key + ") DO UPDATE SET " + set + "\nWHERE " + changed;
        return List.of(head + " = ?" + tail, head + " = ANY (?)" + tail, head + " BETWEEN ? AND ?" + tail,
                "DELETE FROM " + table + " WHERE " + key + " = ANY (?)",
                "DELETE FROM " + table + " WHERE " + key + " BETWEEN ? AND ?");
    }

    private static List<String> columns(Connection c, String definition) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM (\n" + definition + "\n) d LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i));
            }
        }
        return out;
    }

    /** Recomputes the rows whose restriction column equals {@code value}. */
    public int upsert(long value) throws SQLException {
        one.setLong(1, value);
        return one.executeUpdate();
    }

    /** Recomputes the rows whose restriction column is one of {@code values}. */
    public int upsert(long[] values) throws SQLException {
        many.setArray(1, bigints(values));
        return many.executeUpdate();
    }

    /** Recomputes the rows whose restriction column lies in {@code [from, to]}. */
    public int upsertRange(long from, long to) throws SQLException {
        range.setLong(1, from);
        range.setLong(2, to);
        return range.executeUpdate();
    }

    /** Removes the rows of deleted keys. */
    public int delete(long[] keys) throws SQLException {
        delete.setArray(1, bigints(keys));
        return delete.executeUpdate();
    }

    /** Removes the rows of the deleted keys {@code [from, to]}. */
    public int deleteRange(long from, long to) throws SQLException {
        deleteRange.setLong(1, from);
        deleteRange.setLong(2, to);
        return deleteRange.executeUpdate();
    }

    private Array bigints(long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("int8", boxed);
    }

    @Override
    public String toString() {
        return "hand-written upsert of " + table + " by " + column;
    }

    @Override
    public void close() throws SQLException {
        one.close();
        many.close();
        range.close();
        delete.close();
        deleteRange.close();
    }
}
