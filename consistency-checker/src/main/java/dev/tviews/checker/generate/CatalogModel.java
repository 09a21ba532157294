package dev.tviews.checker.generate;

import dev.tviews.checker.support.SqlResources;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of a database as read from pg_catalog: tables (parents before children),
 * columns with types, primary and unique keys, foreign keys with their ON DELETE / ON UPDATE
 * actions, and which columns CHECK constraints restrict. Workloads are generated from this, not
 * from lists per scenario.
 */
public record CatalogModel(List<TableModel> tables, int serverMajor, Map<String, PartitionTree> partitionTrees) {

    public CatalogModel {
        tables = List.copyOf(tables);
        partitionTrees = Map.copyOf(partitionTrees);
    }

    /** The partitions of {@code t} when it is a partitioned table with some. */
    public Optional<PartitionTree> partitions(TableModel t) {
        return Optional.ofNullable(partitionTrees.get(t.sqlName())).filter(p -> !p.partitions().isEmpty());
    }

    /**
     * Reads the write tables visible on {@code c}'s search path, leaving out read models: tables
     * carrying the tviews guard trigger, and the relations named in {@code readModels}.
     */
    public static CatalogModel read(Connection c, Collection<String> readModels) throws SQLException {
        return read(c, readModels, Map.of());
    }

    /**
     * As {@link #read(Connection, Collection)}, with soft links: a column without a foreign key
     * that {@code declaredLinks} ties to a parent table ({@code "table.column"} to the parent's
     * name, e.g. from a scenario's {@code key:} generators), or that the naming convention does
     * ({@code fk_x} to {@code tb_x}), is a link whose values may dangle.
     */
    public static CatalogModel read(Connection c, Collection<String> readModels, Map<String, String> declaredLinks)
            throws SQLException {
        Set<String> excluded = new HashSet<>();
        for (String r : readModels) {
            excluded.add(r.replace("\"", ""));
        }
        Map<Long, String[]> tables = new LinkedHashMap<>();
        Map<Long, Boolean> triggers = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SqlResources.load(CatalogModel.class, "tables.sql"))) {
            while (rs.next()) {
                if (!excluded.contains(rs.getString(2).replace("\"", "")) && !excluded.contains(rs.getString(3))) {
                    tables.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                    triggers.put(rs.getLong(1), rs.getBoolean(4));
                }
            }
        }
        Long[] oids = tables.keySet().toArray(new Long[0]);
        Map<Long, List<ColumnModel>> columns = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResources.load(CatalogModel.class, "columns.sql"))) {
            ps.setArray(1, c.createArrayOf("bigint", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array labels = rs.getArray(13);
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ColumnModel(
                            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getInt(8), rs.getBoolean(9), rs.getString(10), rs.getString(11),
                            !rs.getString(12).isEmpty(),
                            labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()),
                            rs.getString(14)));
                }
            }
        }
        Map<Long, List<String>> primary = new HashMap<>();
        Map<Long, List<List<String>>> uniques = new HashMap<>();
        Map<Long, List<ForeignKeyModel>> foreign = new HashMap<>();
        Map<Long, Set<String>> checked = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResources.load(CatalogModel.class, "constraints.sql"))) {
            ps.setArray(1, c.createArrayOf("bigint", oids));
            ps.setArray(2, c.createArrayOf("bigint", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rel = rs.getLong(1);
                    List<String> cols = names(columns.get(rel), (Integer[]) rs.getArray(4).getArray());
                    switch (rs.getString(2)) {
                        case "p" -> primary.put(rel, cols);
                        case "u" -> {
                            if (!cols.isEmpty() && !uniques.computeIfAbsent(rel, k -> new ArrayList<>()).contains(cols)) {
                                uniques.get(rel).add(cols);
                            }
                        }
                        case "c" -> checked.computeIfAbsent(rel, k -> new HashSet<>()).addAll(cols);
                        case "f" -> {
                            long parent = rs.getLong(5);
                            if (!tables.containsKey(parent)) {
                                continue; // references something the generator does not write (e.g. another schema)
                            }
                            foreign.computeIfAbsent(rel, k -> new ArrayList<>()).add(new ForeignKeyModel(
                                    rs.getString(3), tables.get(rel)[0], cols, tables.get(parent)[0],
                                    names(columns.get(parent), (Integer[]) rs.getArray(6).getArray()),
                                    rs.getString(7).charAt(0), rs.getString(8).charAt(0), rs.getBoolean(9), true));
                        }
                        default -> throw new IllegalStateException("unexpected constraint kind " + rs.getString(2));
                    }
                }
            }
        }
        addSoftLinks(tables, columns, primary, foreign, declaredLinks);
        List<TableModel> models = new ArrayList<>();
        tables.forEach((oid, n) -> {
            List<List<String>> u = new ArrayList<>(uniques.getOrDefault(oid, List.of()));
            u.remove(primary.getOrDefault(oid, List.of()));
            models.add(new TableModel(oid, n[0], n[1], columns.getOrDefault(oid, List.of()),
                    primary.getOrDefault(oid, List.of()), u, foreign.getOrDefault(oid, List.of()),
                    checked.getOrDefault(oid, Set.of()), triggers.get(oid)));
        });
        Map<String, PartitionTree> trees = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResources.load(CatalogModel.class, "partitions.sql"))) {
            ps.setArray(1, c.createArrayOf("bigint", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trees.put(tables.get(rs.getLong(1))[0], new PartitionTree(
                            Arrays.asList((String[]) rs.getArray(2).getArray()), Arrays.asList((String[]) rs.getArray(3).getArray())));
                }
            }
        }
        return new CatalogModel(parentsFirst(models), c.getMetaData().getDatabaseMajorVersion(), trees);
    }

    private static void addSoftLinks(Map<Long, String[]> tables, Map<Long, List<ColumnModel>> columns,
                                     Map<Long, List<String>> primary, Map<Long, List<ForeignKeyModel>> foreign,
                                     Map<String, String> declared) {
        Map<String, Long> byName = new HashMap<>();
        tables.forEach((oid, n) -> {
            byName.put(n[1], oid);
            byName.put(n[0], oid);
        });
        tables.forEach((oid, n) -> {
            for (ColumnModel col : columns.getOrDefault(oid, List.of())) {
                boolean linked = foreign.getOrDefault(oid, List.of()).stream().anyMatch(f -> f.columns().contains(col.name()));
                if (linked || col.generated()) {
                    continue;
                }
                String parentName = declared.get(n[1] + "." + col.name());
                if (parentName == null && col.name().startsWith("fk_")) {
                    parentName = "tb_" + col.name().substring(3);
                }
                Long parent = parentName == null ? null : byName.get(parentName);
                List<String> pk = parent == null ? List.of() : primary.getOrDefault(parent, List.of());
                if (pk.size() != 1) {
                    continue;
                }
                ColumnModel parentKey = columns.get(parent).stream().filter(p -> p.name().equals(pk.get(0))).findFirst().orElseThrow();
                if (parentKey.baseType().equals(col.baseType())) {
                    foreign.computeIfAbsent(oid, k -> new ArrayList<>())
                            .add(ForeignKeyModel.soft(n[0], col.name(), tables.get(parent)[0], parentKey.name()));
                }
            }
        });
    }

    private static List<String> names(List<ColumnModel> columns, Integer[] numbers) {
        List<String> out = new ArrayList<>();
        for (Integer n : numbers) {
            columns.stream().filter(col -> col.number() == n).findFirst().ifPresent(col -> out.add(col.name()));
        }
        return out;
    }

    /** Kahn's order over foreign keys; self-references ignored, tables in cycles appended by name. */
    private static List<TableModel> parentsFirst(List<TableModel> models) {
        Map<String, TableModel> byName = new LinkedHashMap<>();
        models.forEach(t -> byName.put(t.sqlName(), t));
        Map<String, Set<String>> parents = new HashMap<>();
        for (TableModel t : models) {
            Set<String> p = new LinkedHashSet<>();
            t.foreignKeys().forEach(f -> {
                if (!f.parent().equals(t.sqlName())) {
                    p.add(f.parent());
                }
            });
            parents.put(t.sqlName(), p);
        }
        List<TableModel> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Deque<String> ready = new ArrayDeque<>();
        boolean progress = true;
        while (out.size() < models.size() && progress) {
            progress = false;
            for (TableModel t : models) {
                if (!done.contains(t.sqlName()) && done.containsAll(parents.get(t.sqlName()))) {
                    ready.add(t.sqlName());
                }
            }
            while (!ready.isEmpty()) {
                String n = ready.poll();
                if (done.add(n)) {
                    out.add(byName.get(n));
                    progress = true;
                }
            }
        }
        models.stream().filter(t -> !done.contains(t.sqlName())).forEach(out::add);
        return out;
    }

    public Optional<TableModel> table(String sqlName) {
        return tables.stream().filter(t -> t.sqlName().equals(sqlName)).findFirst();
    }

    public TableModel requireTable(String sqlName) {
        return table(sqlName).orElseThrow(() -> new IllegalStateException("no write table " + sqlName));
    }

    /** Foreign keys that reference {@code parent}. */
    public List<ForeignKeyModel> referencing(TableModel parent) {
        List<ForeignKeyModel> out = new ArrayList<>();
        for (TableModel t : tables) {
            for (ForeignKeyModel f : t.foreignKeys()) {
                if (f.parent().equals(parent.sqlName())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * Tables whose rows may change when rows of {@code table} are deleted, updated or truncated:
     * the table and, through foreign-key actions, its descendants. Any table with triggers of its
     * own may write anywhere, so then every table.
     */
    public Set<String> affectedBy(String table) {
        if (tables.stream().anyMatch(TableModel::userTriggers)) {
            Set<String> all = new LinkedHashSet<>();
            tables.forEach(t -> all.add(t.sqlName()));
            return all;
        }
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(table));
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (out.add(t)) {
                table(t).ifPresent(tm -> referencing(tm).stream().filter(ForeignKeyModel::enforced).forEach(f -> todo.add(f.child())));
            }
        }
        return out;
    }
}
