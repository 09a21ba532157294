package dev.tviews.checker.generate;

import dev.tviews.sql.Identifiers;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * What writes are made of, shared by {@link StatementFactory} and {@link FailingStatements}: choosing
 * tables and rows (in key order, from the seeded generator), values for new rows (foreign keys
 * pointing at parents, fresh unique values), WHERE clauses that pick rows by key, and SET lists.
 */
abstract class StatementParts {

    final CatalogModel catalog;
    final DataState state;
    final SplittableRandom random;
    final ValueFactory values;

    StatementParts(CatalogModel catalog, DataState state, SplittableRandom random, ValueFactory values) {
        this.catalog = catalog;
        this.state = state;
        this.random = random;
        this.values = values;
    }

    // ------------------------------------------------------------------ choosing tables and rows

    /** Tables a row can be inserted into now, weighted to pull each table back towards its starting size. */
    Optional<TableModel> pickInsertTable() throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (canInsert(t)) {
                w.put(t, sizeWeight(t, true));
            }
        }
        return weighted(w);
    }

    /** Tables with rows that can be addressed one by one; deletes lean towards tables that grew. */
    Optional<TableModel> pickRowTable(boolean forDelete) throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (!t.rowIdentity().isEmpty() && !state.rows(t).isEmpty()) {
                w.put(t, forDelete ? sizeWeight(t, false) : 1.0);
            }
        }
        return weighted(w);
    }

    double sizeWeight(TableModel t, boolean forInsert) throws SQLException {
        long initial = Math.max(10, state.initialCount(t));
        double ratio = (double) state.rows(t).count() / initial;
        if (forInsert) {
            return ratio < 0.5 ? 4 : ratio < 1 ? 2 : ratio > 3 ? 0.05 : ratio > 2 ? 0.3 : 1;
        }
        return ratio > 2 ? 4 : ratio > 1.2 ? 2 : ratio < 0.3 ? 0.1 : ratio < 0.7 ? 0.4 : 1;
    }

    <T> Optional<T> weighted(Map<T, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return Optional.empty();
        }
        double x = random.nextDouble() * total;
        for (Map.Entry<T, Double> e : weights.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return Optional.of(e.getKey());
            }
        }
        return weights.keySet().stream().reduce((a, b) -> b);
    }

    /** A row index: a third of the draws go to the first tenth of the rows (hot keys), the rest anywhere. */
    int pickIndex(int n) {
        return random.nextDouble() < 0.3 ? random.nextInt(Math.max(1, n / 10)) : random.nextInt(n);
    }

    String[] pickRow(DataState.Rows rows) {
        return rows.values().get(pickIndex(rows.values().size()));
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    // ------------------------------------------------------------------ rows to insert

    /** Which columns an insert names, and how each gets its value. */
    record RowPlan(TableModel table, List<ColumnModel> columns, boolean explicitKey, boolean overriding) {
    }

    boolean canInsert(TableModel t) throws SQLException {
        for (ColumnModel c : t.writableColumns()) {
            Optional<ForeignKeyModel> fk = t.foreignKeyOf(c.name());
            if (fk.isPresent() && fk.get().enforced()) {
                boolean nullable = fk.get().columns().stream().allMatch(n -> !t.requireColumn(n).notNull());
                if (!nullable && state.rows(catalog.requireTable(fk.get().parent())).isEmpty()) {
                    return false;
                }
            } else if (c.notNull() && !c.hasDefault() && !ValueFactory.supports(c)) {
                return false;
            }
        }
        return true;
    }

    RowPlan plan(TableModel t, boolean allowExplicitKey) {
        List<ColumnModel> cols = new ArrayList<>();
        boolean explicitKey = false;
        boolean overriding = false;
        for (ColumnModel c : t.writableColumns()) {
            boolean key = t.primaryKey().contains(c.name());
            if (key && c.numberedByDatabase() && t.foreignKeyOf(c.name()).isEmpty()) {
                if (allowExplicitKey && chance(0.15)) {
                    cols.add(c);
                    explicitKey = true;
                    overriding |= c.identityAlways();
                }
                continue;
            }
            if (c.identityAlways()) {
                continue;
            }
            boolean required = c.notNull() && !c.hasDefault();
            if (key || required || t.foreignKeyOf(c.name()).isPresent() || t.isUniqueColumn(c.name())) {
                if (ValueFactory.supports(c) || t.foreignKeyOf(c.name()).isPresent()) {
                    cols.add(c);
                }
            } else if (ValueFactory.supports(c) && !(c.hasDefault() && chance(0.3))) {
                cols.add(c);
            }
        }
        return new RowPlan(t, cols, explicitKey, overriding);
    }

    /**
     * Values for one row of {@code plan}; {@code first} rows may reuse the key of a deleted row.
     * {@code taken} collects parents already used by one-to-one foreign keys in this statement.
     */
    Map<String, Value> row(RowPlan plan, boolean first, Set<String> taken) throws SQLException {
        TableModel t = plan.table();
        Map<String, Value> row = new LinkedHashMap<>();
        for (ColumnModel c : plan.columns()) {
            if (row.containsKey(c.name())) {
                continue;
            }
            Optional<ForeignKeyModel> fk = t.foreignKeyOf(c.name());
            if (fk.isPresent()) {
                row.putAll(oneToOne(t, fk.get()) ? freeParentValues(t, fk.get(), taken) : parentValues(t, fk.get(), 0.12));
            } else if (t.primaryKey().contains(c.name()) && c.numberedByDatabase()) {
                List<String> deleted = state.deletedKeys(t);
                List<String> dangling = first ? danglingReferences(t) : List.of();
                row.put(c.name(), !dangling.isEmpty() && chance(0.5) ? Value.of(c, pick(dangling))
                        : first && !deleted.isEmpty() && chance(0.6)
                        ? Value.of(c, deleted.get(random.nextInt(deleted.size()))) : values.unique(c));
            } else if (t.isUniqueColumn(c.name())) {
                row.put(c.name(), values.unique(c));
            } else if (!c.notNull() && chance(0.15)) {
                row.put(c.name(), Value.NULL);
            } else {
                row.put(c.name(), values.plausible(c, state.sample(t, c.name()), t.checkedColumns().contains(c.name())));
            }
        }
        return row;
    }

    Map<String, Value> row(RowPlan plan, boolean first) throws SQLException {
        return row(plan, first, new HashSet<>());
    }

    /** The foreign key's columns are also unique in the child (one inventory row per product). */
    static boolean oneToOne(TableModel child, ForeignKeyModel fk) {
        Set<String> cols = new HashSet<>(fk.columns());
        return new HashSet<>(child.primaryKey()).equals(cols) || child.uniques().stream().anyMatch(u -> new HashSet<>(u).equals(cols));
    }

    /**
     * A parent that has no child through {@code fk} yet (and is not in {@code taken}), so that a
     * one-to-one insert does not collide; any parent when all have one.
     */
    Map<String, Value> freeParentValues(TableModel child, ForeignKeyModel fk, Set<String> taken) throws SQLException {
        DataState.Rows children = state.rows(child);
        DataState.Rows parents = state.rows(catalog.requireTable(fk.parent()));
        Set<String> used = new HashSet<>(taken);
        for (String[] r : children.values()) {
            used.add(String.join("\u0000", fk.columns().stream().map(c -> String.valueOf(r[children.index(c)])).toList()));
        }
        List<String[]> free = new ArrayList<>();
        for (String[] p : parents.values()) {
            String k = String.join("\u0000", fk.parentColumns().stream().map(c -> String.valueOf(p[parents.index(c)])).toList());
            if (!used.contains(k)) {
                free.add(p);
            }
        }
        if (free.isEmpty()) {
            return parentValues(child, fk, 0.12);
        }
        String[] p = free.get(random.nextInt(free.size()));
        taken.add(String.join("\u0000", fk.parentColumns().stream().map(c -> String.valueOf(p[parents.index(c)])).toList()));
        Map<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            out.put(fk.columns().get(i), Value.of(child.requireColumn(fk.columns().get(i)), p[parents.index(fk.parentColumns().get(i))]));
        }
        return out;
    }

    /**
     * Values of the columns of {@code fk}: a parent's, or NULL (when allowed) with probability {@code nullShare};
     * through a soft link, sometimes a value no parent has (a deleted parent's key, or one no row has had yet).
     */
    Map<String, Value> parentValues(TableModel child, ForeignKeyModel fk, double nullShare) throws SQLException {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean nullable = fk.columns().stream().allMatch(n -> !child.requireColumn(n).notNull());
        DataState.Rows parents = state.rows(catalog.requireTable(fk.parent()));
        if (!fk.enforced() && (parents.isEmpty() || chance(0.15)) && !(nullable && chance(nullShare))) {
            ColumnModel c = child.requireColumn(fk.columns().get(0));
            List<String> deleted = state.deletedKeys(catalog.requireTable(fk.parent()));
            if (!deleted.isEmpty() && chance(0.5)) {
                out.put(c.name(), Value.of(c, pick(deleted)));
                return out;
            }
            if (ValueFactory.supports(c)) {
                out.put(c.name(), values.unique(c));
                return out;
            }
        }
        if (parents.isEmpty() || (nullable && chance(nullShare))) {
            fk.columns().forEach(n -> out.put(n, Value.NULL));
            return out;
        }
        String[] p = pickRow(parents);
        for (int i = 0; i < fk.columns().size(); i++) {
            out.put(fk.columns().get(i), Value.of(child.requireColumn(fk.columns().get(i)),
                    p[parents.index(fk.parentColumns().get(i))]));
        }
        return out;
    }

    boolean insertRisky(RowPlan plan) {
        TableModel t = plan.table();
        boolean checked = plan.columns().stream().anyMatch(c -> t.checkedColumns().contains(c.name()));
        boolean uniqueFromParents = t.uniques().stream().anyMatch(u -> u.stream().allMatch(c -> t.foreignKeyOf(c).isPresent()))
                || (!t.primaryKey().isEmpty() && t.primaryKey().stream().allMatch(c -> t.foreignKeyOf(c).isPresent()));
        return checked || uniqueFromParents;
    }

    String insertInto(RowPlan plan) {
        if (plan.columns().isEmpty()) {
            return "INSERT INTO " + plan.table().sqlName();
        }
        return "INSERT INTO " + plan.table().sqlName() + " (" + columnList(plan.columns()) + ")"
                + (plan.overriding() ? " OVERRIDING SYSTEM VALUE" : "");
    }

    static String tuple(RowPlan plan, Map<String, Value> row) {
        if (plan.columns().isEmpty()) {
            return "(DEFAULT)";
        }
        return "(" + plan.columns().stream().map(c -> row.get(c.name()).sql()).collect(Collectors.joining(", ")) + ")";
    }

    static String columnList(List<ColumnModel> columns) {
        return columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
    }

    <T> List<T> subset(List<T> from, int n) {
        List<T> pool = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    // ------------------------------------------------------------------ updates

    String where(TableModel t, DataState.Rows rows, String[] row) {
        List<String> cols = t.rowIdentity().isEmpty() ? rows.columns() : t.rowIdentity();
        return cols.stream().map(c -> {
            String v = row[rows.index(c)];
            return Identifiers.quote(c) + (v == null ? " IS NULL" : " = " + Value.of(t.requireColumn(c), v).sql());
        }).collect(Collectors.joining(" AND "));
    }

    /** Columns an UPDATE may set to a new value: not generated, not GENERATED ALWAYS, not part of the key. */
    static List<ColumnModel> updatable(TableModel t) {
        return t.writableColumns().stream()
                .filter(c -> !c.identityAlways() && !t.primaryKey().contains(c.name()))
                .filter(c -> ValueFactory.supports(c) || t.foreignKeyOf(c.name()).isPresent())
                .toList();
    }

    /** SET assignments for {@code columns}: foreign keys moved to another parent (or NULL), unique values renewed. */
    String assignments(TableModel t, List<ColumnModel> columns, boolean allowExpressions) throws SQLException {
        Map<String, String> set = new LinkedHashMap<>();
        for (ColumnModel c : columns) {
            if (set.containsKey(c.name())) {
                continue;
            }
            Optional<ForeignKeyModel> fk = t.foreignKeyOf(c.name());
            if (fk.isPresent()) {
                (oneToOne(t, fk.get()) ? freeParentValues(t, fk.get(), new HashSet<>()) : parentValues(t, fk.get(), 0.2))
                        .forEach((n, v) -> set.put(n, v.sql()));
            } else if (t.isUniqueColumn(c.name())) {
                set.put(c.name(), values.unique(c).sql());
            } else if (allowExpressions && chance(0.15) && expression(c).isPresent()) {
                set.put(c.name(), expression(c).get());
            } else if (!c.notNull() && chance(0.1)) {
                set.put(c.name(), "NULL");
            } else {
                set.put(c.name(), values.plausible(c, state.sample(t, c.name()), t.checkedColumns().contains(c.name())).sql());
            }
        }
        return set.entrySet().stream().map(e -> Identifiers.quote(e.getKey()) + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** An expression of the column's own value: a number plus one, a text with a letter appended. */
    static Optional<String> expression(ColumnModel c) {
        String q = Identifiers.quote(c.name());
        return switch (c.baseType()) {
            case "int2", "int4", "int8", "numeric", "float4", "float8" -> Optional.of(q + " + 1");
            case "text", "varchar" -> Optional.of(q + " || 'x'");
            default -> Optional.empty();
        };
    }

    /**
     * Values that children reference through soft links to {@code parent} and that no row of
     * {@code parent} has: moving a key onto one, or inserting it, makes dangling links valid. None
     * can be a value the parent's sequence hands out later (dangling values are deleted keys or
     * values from the generator's own unique range).
     */
    List<String> danglingReferences(TableModel parent) throws SQLException {
        List<ForeignKeyModel> soft = catalog.referencing(parent).stream()
                .filter(f -> !f.enforced() && f.columns().size() == 1).toList();
        if (soft.isEmpty() || parent.singleKey().isEmpty()) {
            return List.of();
        }
        DataState.Rows parents = state.rows(parent);
        Set<String> present = new HashSet<>();
        int k = parents.index(parent.singleKey().get().name());
        parents.values().forEach(r -> present.add(r[k]));
        Set<String> out = new java.util.TreeSet<>();
        for (ForeignKeyModel f : soft) {
            DataState.Rows children = state.rows(catalog.requireTable(f.child()));
            int i = children.index(f.columns().get(0));
            for (String[] r : children.values()) {
                if (r[i] != null && !present.contains(r[i])) {
                    out.add(r[i]);
                }
            }
        }
        return new ArrayList<>(out);
    }

    // ------------------------------------------------------------------ deletes

    boolean deleteBlocked(TableModel t) {
        return catalog.referencing(t).stream().anyMatch(ForeignKeyModel::blocksDelete);
    }

    /**
     * Mostly a row no child references through a foreign key that {@code blocks} (so that deleting
     * it or changing its key succeeds), sometimes any row (so that refusals stay covered).
     */
    String[] pickUnblockedRow(TableModel t, java.util.function.Predicate<ForeignKeyModel> blocks) throws SQLException {
        DataState.Rows rows = state.rows(t);
        List<ForeignKeyModel> blocking = catalog.referencing(t).stream().filter(blocks).toList();
        if (blocking.isEmpty() || chance(0.2)) {
            return pickRow(rows);
        }
        Set<String> referenced = new HashSet<>();
        for (ForeignKeyModel f : blocking) {
            DataState.Rows children = state.rows(catalog.requireTable(f.child()));
            for (String[] r : children.values()) {
                referenced.add(f.name() + "\u0000" + String.join("\u0000",
                        f.columns().stream().map(c -> String.valueOf(r[children.index(c)])).toList()));
            }
        }
        List<String[]> free = new ArrayList<>();
        for (String[] r : rows.values()) {
            boolean blocked = false;
            for (ForeignKeyModel f : blocking) {
                blocked |= referenced.contains(f.name() + "\u0000" + String.join("\u0000",
                        f.parentColumns().stream().map(c -> String.valueOf(r[rows.index(c)])).toList()));
            }
            if (!blocked) {
                free.add(r);
            }
        }
        return free.isEmpty() ? pickRow(rows) : free.get(pickIndex(free.size()));
    }

    // ------------------------------------------------------------------ statements that must fail

    /** A value of {@code c}'s type that no parent has: negative numbers far below any key, fresh UUIDs and texts. */
    Optional<Value> missingParent(ColumnModel c) {
        return switch (c.baseType()) {
            case "int2" -> Optional.of(Value.of(c, Long.toString(-30_000 + values.nextCounter() % 1000)));
            case "int4", "int8", "numeric" -> Optional.of(Value.of(c, Long.toString(-1_000_000_000L - values.nextCounter())));
            case "uuid", "text", "varchar" -> Optional.of(values.unique(c));
            default -> Optional.empty();
        };
    }

    /** {@code plan} with {@code names} among its columns (added if the plan left them to their defaults). */
    static RowPlan withColumns(RowPlan plan, List<String> names) {
        List<ColumnModel> cols = new ArrayList<>(plan.columns());
        for (String n : names) {
            ColumnModel c = plan.table().requireColumn(n);
            if (!cols.contains(c)) {
                cols.add(c);
            }
        }
        boolean overriding = plan.overriding() || cols.stream().anyMatch(ColumnModel::identityAlways);
        return new RowPlan(plan.table(), cols, plan.explicitKey(), overriding);
    }
}
