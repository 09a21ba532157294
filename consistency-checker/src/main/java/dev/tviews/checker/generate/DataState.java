package dev.tviews.checker.generate;

import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's knowledge of the rows: per table, the columns that identify and link rows
 * (keys, unique and foreign-key columns), read from the database in key order whenever a
 * statement may have changed them, and a sample of every column's values taken once at the start.
 * Reading in key order (never {@code TABLESAMPLE} or {@code random()}) keeps a run reproducible
 * from its seed.
 */
public final class DataState {

    private static final int SAMPLE_ROWS = 200;
    private static final int SAMPLED_VALUES = 40;
    private static final int DELETED_KEPT = 32;

    private final Connection connection;
    private final CatalogModel catalog;
    private final Map<String, Rows> rows = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private final Map<String, Long> initialCounts = new HashMap<>();
    private final Map<String, Map<String, List<String>>> samples = new HashMap<>();
    private final Map<String, Deque<String>> deletedKeys = new HashMap<>();

    /** Tracked columns of a table and their values per row, in key order. */
    public record Rows(List<String> columns, List<String[]> values, long count) {

        public int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalStateException("column " + column + " is not tracked; tracked are " + columns);
            }
            return i;
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }

    public DataState(Connection connection, CatalogModel catalog) throws SQLException {
        this.connection = connection;
        this.catalog = catalog;
        for (TableModel t : catalog.tables()) {
            dirty.add(t.sqlName());
            initialCounts.put(t.sqlName(), rows(t).count());
            samples.put(t.sqlName(), sample(t));
        }
    }

    public CatalogModel catalog() {
        return catalog;
    }

    /** The connection the rows are read on (the workload's own). */
    Connection connection() {
        return connection;
    }

    /** Rows of {@code t}, read again if a statement may have changed them since. */
    public Rows rows(TableModel t) throws SQLException {
        if (dirty.remove(t.sqlName()) || !rows.containsKey(t.sqlName())) {
            Rows old = rows.get(t.sqlName());
            Rows now = read(t);
            rows.put(t.sqlName(), now);
            rememberDeleted(t, old, now);
        }
        return rows.get(t.sqlName());
    }

    /** Rows of all write tables as last read (tables changed since are not read again for this). */
    public long knownRows() {
        return rows.values().stream().mapToLong(Rows::count).sum();
    }

    /** Rows of all write tables when the run started. */
    public long initialRows() {
        return initialCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many rows {@code t} had when the run started. */
    public long initialCount(TableModel t) {
        return initialCounts.getOrDefault(t.sqlName(), 0L);
    }

    /** Values of {@code column} seen in the first rows of its table at the start (no NULLs), as text. */
    public List<String> sample(TableModel t, String column) {
        return samples.getOrDefault(t.sqlName(), Map.of()).getOrDefault(column, List.of());
    }

    /** Single-column keys of rows deleted during the run (newest last), to insert them again. */
    public List<String> deletedKeys(TableModel t) {
        return new ArrayList<>(deletedKeys.getOrDefault(t.sqlName(), new ArrayDeque<>()));
    }

    /** After a statement that wrote {@code tables}: they and whatever their changes cascade to must be read again. */
    public void written(Collection<String> tables, boolean insertOnly) {
        for (String t : tables) {
            if (insertOnly && catalog.tables().stream().noneMatch(TableModel::userTriggers)) {
                dirty.add(t);
            } else {
                dirty.addAll(catalog.affectedBy(t));
            }
        }
    }

    /** After a rollback, or anything else that may have changed any table. */
    public void allDirty() {
        catalog.tables().forEach(t -> dirty.add(t.sqlName()));
    }

    private Rows read(TableModel t) throws SQLException {
        List<String> tracked = t.trackedColumns(catalog.referencing(t));
        if (tracked.isEmpty()) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.sqlName())) {
                rs.next();
                return new Rows(List.of(), List.of(), rs.getLong(1));
            }
        }
        List<String> order = t.rowIdentity().isEmpty() ? tracked : t.rowIdentity();
        String sql = "SELECT " + String.join(", ", tracked.stream().map(c -> Identifiers.quote(c) + "::text").toList())
                + " FROM " + t.sqlName() + " ORDER BY " + String.join(", ", order.stream().map(Identifiers::quote).toList());
        List<String[]> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[tracked.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                values.add(row);
            }
        }
        return new Rows(List.copyOf(tracked), values, values.size());
    }

    private void rememberDeleted(TableModel t, Rows old, Rows now) {
        if (old == null || t.singleKey().isEmpty() || old.values().size() == 0) {
            return;
        }
        int i = old.index(t.primaryKey().get(0));
        Set<String> present = new HashSet<>();
        now.values().forEach(r -> present.add(r[i]));
        Deque<String> kept = deletedKeys.computeIfAbsent(t.sqlName(), k -> new ArrayDeque<>());
        for (String[] r : old.values()) {
            if (!present.contains(r[i])) {
                kept.remove(r[i]);
                kept.addLast(r[i]);
                if (kept.size() > DELETED_KEPT) {
                    kept.removeFirst();
                }
            }
        }
        kept.removeIf(present::contains);
    }

    private Map<String, List<String>> sample(TableModel t) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        List<ColumnModel> cols = t.columns();
        if (cols.isEmpty()) {
            return out;
        }
        List<String> order = t.rowIdentity().isEmpty() ? List.of("1") : t.rowIdentity().stream().map(Identifiers::quote).toList();
        String sql = "SELECT " + String.join(", ", cols.stream().map(c -> Identifiers.quote(c.name()) + "::text").toList())
                + " FROM " + t.sqlName() + " ORDER BY " + String.join(", ", order) + " LIMIT " + SAMPLE_ROWS;
        List<Set<String>> seen = new ArrayList<>();
        cols.forEach(c -> seen.add(new LinkedHashSet<>()));
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 0; i < cols.size(); i++) {
                    String v = rs.getString(i + 1);
                    if (v != null && seen.get(i).size() < SAMPLED_VALUES && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
                        seen.get(i).add(v);
                    }
                }
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            out.put(cols.get(i).name(), List.copyOf(seen.get(i)));
        }
        return out;
    }
}
