package dev.tviews.checker.generate;

import dev.tviews.database.Identifiers;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Builds the SQL of each kind of write from the catalog and the current rows. Every statement is
 * one line of plain SQL with literal values, so that a log of them replays with psql or JDBC.
 * Methods return empty when the data offers no way to build that kind now (e.g. no table with a
 * RESTRICT foreign key, or no rows to delete); the generator then draws another kind.
 */
final class StatementFactory {

    private final CatalogModel catalog;
    private final DataState state;
    private final SplittableRandom random;
    private final ValueFactory values;

    StatementFactory(CatalogModel catalog, DataState state, SplittableRandom random, ValueFactory values) {
        this.catalog = catalog;
        this.state = state;
        this.random = random;
        this.values = values;
    }

    Optional<Dml> build(StepKind kind, boolean inTransaction) throws SQLException {
        return switch (kind) {
            case INSERT -> then(pickInsertTable(), t -> insert(t, 1, StepKind.INSERT));
            case INSERT_MANY -> then(pickInsertTable(), t -> insert(t, 2 + random.nextInt(12), StepKind.INSERT_MANY));
            case UPSERT -> upsert();
            case COPY -> then(pickInsertTable(), this::copy);
            case UPDATE -> then(pickRowTable(false), this::update);
            case UPDATE_NOOP -> then(pickRowTable(false), this::updateNoop);
            case UPDATE_KEY -> updateKey();
            case UPDATE_MANY -> updateMany();
            case DELETE -> then(pickRowTable(true), this::delete);
            case DELETE_MANY -> deleteMany();
            case WRITABLE_CTE -> writableCte();
            case MERGE -> catalog.serverMajor() >= 15 ? merge() : Optional.empty();
            case TRUNCATE -> truncate(inTransaction);
            case FAIL_FOREIGN_KEY -> failForeignKey();
            case FAIL_UNIQUE -> failUnique();
            case FAIL_NOT_NULL -> failNotNull();
            case FAIL_RESTRICT -> failRestrict();
            case FAIL_LAST_ROW -> failLastRow();
            default -> throw new IllegalArgumentException(kind + " is not a statement");
        };
    }

    private interface TableStep {
        Optional<Dml> build(TableModel t) throws SQLException;
    }

    private static Optional<Dml> then(Optional<TableModel> table, TableStep step) throws SQLException {
        return table.isEmpty() ? Optional.empty() : step.build(table.get());
    }

    // ------------------------------------------------------------------ choosing tables and rows

    /** Tables a row can be inserted into now, weighted to pull each table back towards its starting size. */
    private Optional<TableModel> pickInsertTable() throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (canInsert(t)) {
                w.put(t, sizeWeight(t, true));
            }
        }
        return weighted(w);
    }

    /** Tables with rows that can be addressed one by one; deletes lean towards tables that grew. */
    private Optional<TableModel> pickRowTable(boolean forDelete) throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (!t.rowIdentity().isEmpty() && !state.rows(t).isEmpty()) {
                w.put(t, forDelete ? sizeWeight(t, false) : 1.0);
            }
        }
        return weighted(w);
    }

    private double sizeWeight(TableModel t, boolean forInsert) throws SQLException {
        long initial = Math.max(10, state.initialCount(t));
        double ratio = (double) state.rows(t).count() / initial;
        if (forInsert) {
            return ratio < 0.5 ? 4 : ratio < 1 ? 2 : ratio > 3 ? 0.05 : ratio > 2 ? 0.3 : 1;
        }
        return ratio > 2 ? 4 : ratio > 1.2 ? 2 : ratio < 0.3 ? 0.1 : ratio < 0.7 ? 0.4 : 1;
    }

    private <T> Optional<T> weighted(Map<T, Double> weights) {
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
    private int pickIndex(int n) {
        return random.nextDouble() < 0.3 ? random.nextInt(Math.max(1, n / 10)) : random.nextInt(n);
    }

    private String[] pickRow(DataState.Rows rows) {
        return rows.values().get(pickIndex(rows.values().size()));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    // ------------------------------------------------------------------ rows to insert

    /** Which columns an insert names, and how each gets its value. */
    private record RowPlan(TableModel table, List<ColumnModel> columns, boolean explicitKey, boolean overriding) {
    }

    private boolean canInsert(TableModel t) throws SQLException {
        for (ColumnModel c : t.writableColumns()) {
            Optional<ForeignKeyModel> fk = t.foreignKeyOf(c.name());
            if (fk.isPresent()) {
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

    private RowPlan plan(TableModel t, boolean allowExplicitKey) {
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
    private Map<String, Value> row(RowPlan plan, boolean first, Set<String> taken) throws SQLException {
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
                row.put(c.name(), first && !deleted.isEmpty() && chance(0.6)
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

    private Map<String, Value> row(RowPlan plan, boolean first) throws SQLException {
        return row(plan, first, new HashSet<>());
    }

    /** The foreign key's columns are also unique in the child (one inventory row per product). */
    private static boolean oneToOne(TableModel child, ForeignKeyModel fk) {
        Set<String> cols = new HashSet<>(fk.columns());
        return new HashSet<>(child.primaryKey()).equals(cols) || child.uniques().stream().anyMatch(u -> new HashSet<>(u).equals(cols));
    }

    /**
     * A parent that has no child through {@code fk} yet (and is not in {@code taken}), so that a
     * one-to-one insert does not collide; any parent when all have one.
     */
    private Map<String, Value> freeParentValues(TableModel child, ForeignKeyModel fk, Set<String> taken) throws SQLException {
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

    /** Values of the columns of {@code fk}: a parent's, or NULL (when allowed) with probability {@code nullShare}. */
    private Map<String, Value> parentValues(TableModel child, ForeignKeyModel fk, double nullShare) throws SQLException {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean nullable = fk.columns().stream().allMatch(n -> !child.requireColumn(n).notNull());
        DataState.Rows parents = state.rows(catalog.requireTable(fk.parent()));
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

    private boolean insertRisky(RowPlan plan) {
        TableModel t = plan.table();
        boolean checked = plan.columns().stream().anyMatch(c -> t.checkedColumns().contains(c.name()));
        boolean uniqueFromParents = t.uniques().stream().anyMatch(u -> u.stream().allMatch(c -> t.foreignKeyOf(c).isPresent()))
                || (!t.primaryKey().isEmpty() && t.primaryKey().stream().allMatch(c -> t.foreignKeyOf(c).isPresent()));
        return checked || uniqueFromParents;
    }

    private Optional<Dml> insert(TableModel t, int rows, StepKind kind) throws SQLException {
        RowPlan plan = plan(t, true);
        List<String> tuples = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            tuples.add(tuple(plan, row(plan, i == 0, taken)));
        }
        return Optional.of(Dml.of(kind, insertInto(plan) + " VALUES " + String.join(", ", tuples), t.sqlName(), true,
                insertRisky(plan)));
    }

    private String insertInto(RowPlan plan) {
        if (plan.columns().isEmpty()) {
            return "INSERT INTO " + plan.table().sqlName();
        }
        return "INSERT INTO " + plan.table().sqlName() + " (" + columnList(plan.columns()) + ")"
                + (plan.overriding() ? " OVERRIDING SYSTEM VALUE" : "");
    }

    private static String tuple(RowPlan plan, Map<String, Value> row) {
        if (plan.columns().isEmpty()) {
            return "(DEFAULT)";
        }
        return "(" + plan.columns().stream().map(c -> row.get(c.name()).sql()).collect(Collectors.joining(", ")) + ")";
    }

    private static String columnList(List<ColumnModel> columns) {
        return columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
    }

    private Optional<Dml> copy(TableModel t) throws SQLException {
        RowPlan plan = plan(t, true);
        if (plan.columns().isEmpty()) {
            return Optional.empty();
        }
        int n = 2 + random.nextInt(14);
        StringBuilder data = new StringBuilder();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Map<String, Value> row = row(plan, i == 0, taken);
            data.append(plan.columns().stream().map(c -> row.get(c.name()).copy()).collect(Collectors.joining("\t")))
                    .append('\n');
        }
        String sql = "COPY " + t.sqlName() + " (" + columnList(plan.columns()) + ") FROM STDIN";
        return Optional.of(new Dml(StepKind.COPY, sql, Set.of(t.sqlName()), true, insertRisky(plan), data.toString()));
    }

    private Optional<Dml> upsert() throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (!t.primaryKey().isEmpty() && canInsert(t)
                    && t.primaryKey().stream().allMatch(c -> !t.requireColumn(c).generated())) {
                w.put(t, 1.0);
            }
        }
        Optional<TableModel> table = weighted(w);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        RowPlan base = plan(t, false);
        List<ColumnModel> cols = new ArrayList<>();
        t.primaryKey().forEach(k -> cols.add(t.requireColumn(k)));
        base.columns().stream().filter(c -> !t.primaryKey().contains(c.name())).forEach(cols::add);
        RowPlan plan = new RowPlan(t, cols, true, cols.stream().anyMatch(ColumnModel::identityAlways));
        Map<String, Value> row = row(plan, true);
        DataState.Rows rows = state.rows(t);
        if (!rows.isEmpty() && chance(0.6)) {
            String[] existing = pickRow(rows);
            for (String k : t.primaryKey()) {
                row.put(k, Value.of(t.requireColumn(k), existing[rows.index(k)]));
            }
        }
        List<ColumnModel> settable = cols.stream().filter(c -> !t.primaryKey().contains(c.name())).toList();
        String action;
        if (settable.isEmpty() || chance(0.25)) {
            action = "DO NOTHING";
        } else {
            List<ColumnModel> set = subset(settable, 1 + random.nextInt(settable.size()));
            action = "DO UPDATE SET " + set.stream().map(c -> Identifiers.quote(c.name()) + " = EXCLUDED."
                    + Identifiers.quote(c.name())).collect(Collectors.joining(", "));
        }
        String sql = insertInto(plan) + " VALUES " + tuple(plan, row) + " ON CONFLICT (" + t.primaryKey().stream()
                .map(Identifiers::quote).collect(Collectors.joining(", ")) + ") " + action;
        // An upsert may insert or update, so its changes may cascade like an update's.
        return Optional.of(Dml.of(StepKind.UPSERT, sql, t.sqlName(), false, true));
    }

    private <T> List<T> subset(List<T> from, int n) {
        List<T> pool = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    // ------------------------------------------------------------------ updates

    private String where(TableModel t, DataState.Rows rows, String[] row) {
        List<String> cols = t.rowIdentity().isEmpty() ? rows.columns() : t.rowIdentity();
        return cols.stream().map(c -> {
            String v = row[rows.index(c)];
            return Identifiers.quote(c) + (v == null ? " IS NULL" : " = " + Value.of(t.requireColumn(c), v).sql());
        }).collect(Collectors.joining(" AND "));
    }

    /** Columns an UPDATE may set to a new value: not generated, not GENERATED ALWAYS, not part of the key. */
    private static List<ColumnModel> updatable(TableModel t) {
        return t.writableColumns().stream()
                .filter(c -> !c.identityAlways() && !t.primaryKey().contains(c.name()))
                .filter(c -> ValueFactory.supports(c) || t.foreignKeyOf(c.name()).isPresent())
                .toList();
    }

    /** SET assignments for {@code columns}: foreign keys moved to another parent (or NULL), unique values renewed. */
    private String assignments(TableModel t, List<ColumnModel> columns, boolean allowExpressions) throws SQLException {
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
    private static Optional<String> expression(ColumnModel c) {
        String q = Identifiers.quote(c.name());
        return switch (c.baseType()) {
            case "int2", "int4", "int8", "numeric", "float4", "float8" -> Optional.of(q + " + 1");
            case "text", "varchar" -> Optional.of(q + " || 'x'");
            default -> Optional.empty();
        };
    }

    private Optional<Dml> update(TableModel t) throws SQLException {
        List<ColumnModel> candidates = updatable(t);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        DataState.Rows rows = state.rows(t);
        List<ColumnModel> cols = subset(candidates, 1 + random.nextInt(Math.min(3, candidates.size())));
        boolean risky = cols.stream().anyMatch(c -> t.checkedColumns().contains(c.name()));
        String sql = "UPDATE " + t.sqlName() + " SET " + assignments(t, cols, true) + " WHERE " + where(t, rows, pickRow(rows));
        return Optional.of(Dml.of(StepKind.UPDATE, sql, t.sqlName(), false, risky));
    }

    private Optional<Dml> updateNoop(TableModel t) throws SQLException {
        List<ColumnModel> cols = t.writableColumns().stream().filter(c -> !c.identityAlways()).toList();
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        String c = Identifiers.quote(pick(cols).name());
        DataState.Rows rows = state.rows(t);
        return Optional.of(Dml.of(StepKind.UPDATE_NOOP, "UPDATE " + t.sqlName() + " SET " + c + " = " + c + " WHERE "
                + where(t, rows, pickRow(rows)), t.sqlName(), false, false));
    }

    private Optional<Dml> updateKey() throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (!t.primaryKey().isEmpty() && !state.rows(t).isEmpty() && keyColumnToChange(t).isPresent()) {
                w.put(t, 1.0);
            }
        }
        Optional<TableModel> table = weighted(w);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        ColumnModel k = keyColumnToChange(t).orElseThrow();
        DataState.Rows rows = state.rows(t);
        boolean blocked = catalog.referencing(t).stream().anyMatch(ForeignKeyModel::blocksUpdate);
        String q = Identifiers.quote(k.name());
        String sql;
        if (k.isInteger() && !k.identityAlways() && t.primaryKey().size() == 1 && chance(0.3)) {
            // Several keys at once, negated: unique among themselves and against every other key.
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                keys.add(Value.of(k, pickRow(rows)[rows.index(k.name())]).sql());
            }
            sql = "UPDATE " + t.sqlName() + " SET " + q + " = -" + q + " WHERE " + q + " IN ("
                    + String.join(", ", new LinkedHashSet<>(keys)) + ")";
        } else {
            String value;
            if (t.foreignKeyOf(k.name()).isPresent()) {
                value = parentValues(t, t.foreignKeyOf(k.name()).get(), 0).get(k.name()).sql();
            } else {
                value = k.numberedByDatabase() && (k.identityAlways() || chance(0.5)) ? "DEFAULT" : values.unique(k).sql();
            }
            sql = "UPDATE " + t.sqlName() + " SET " + q + " = " + value + " WHERE "
                    + where(t, rows, pickUnblockedRow(t, ForeignKeyModel::blocksUpdate));
        }
        return Optional.of(Dml.of(StepKind.UPDATE_KEY, sql, t.sqlName(), false, blocked || t.primaryKey().size() > 1
                || t.foreignKeyOf(k.name()).isPresent()));
    }

    private Optional<ColumnModel> keyColumnToChange(TableModel t) {
        List<ColumnModel> keys = t.primaryKey().stream().map(t::requireColumn)
                .filter(c -> !c.generated() && (ValueFactory.supports(c) || t.foreignKeyOf(c.name()).isPresent())).toList();
        return keys.isEmpty() ? Optional.empty() : Optional.of(pick(keys));
    }

    /** A WHERE clause matching many rows of {@code t}: children of one parent, a key range, or a key list. */
    private Optional<String> manyRows(TableModel t) throws SQLException {
        DataState.Rows rows = state.rows(t);
        if (rows.isEmpty() || t.rowIdentity().isEmpty()) {
            return Optional.empty();
        }
        int form = random.nextInt(3);
        if (form == 0 && !t.foreignKeys().isEmpty()) {
            ForeignKeyModel fk = pick(t.foreignKeys());
            String[] r = pickRow(rows);
            return Optional.of(fk.columns().stream().map(c -> {
                String v = r[rows.index(c)];
                return Identifiers.quote(c) + (v == null ? " IS NULL" : " = " + Value.of(t.requireColumn(c), v).sql());
            }).collect(Collectors.joining(" AND ")));
        }
        if (form == 1 && t.rowIdentity().size() == 1) {
            String k = t.rowIdentity().get(0);
            int i = random.nextInt(rows.values().size());
            int j = Math.min(rows.values().size() - 1, i + 1 + random.nextInt(10));
            ColumnModel kc = t.requireColumn(k);
            return Optional.of(Identifiers.quote(k) + " BETWEEN " + Value.of(kc, rows.values().get(i)[rows.index(k)]).sql()
                    + " AND " + Value.of(kc, rows.values().get(j)[rows.index(k)]).sql());
        }
        Set<String> conditions = new LinkedHashSet<>();
        for (int i = 0; i < 2 + random.nextInt(7); i++) {
            conditions.add("(" + where(t, rows, pickRow(rows)) + ")");
        }
        return Optional.of(String.join(" OR ", conditions));
    }

    private Optional<Dml> updateMany() throws SQLException {
        Optional<TableModel> table = pickRowTable(false);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        DataState.Rows rows = state.rows(t);
        if (!t.foreignKeys().isEmpty() && chance(0.3)) {
            // Move every child of one parent to another parent (or to NULL).
            ForeignKeyModel fk = pick(t.foreignKeys());
            String[] r = pickRow(rows);
            if (fk.columns().stream().anyMatch(c -> r[rows.index(c)] == null)) {
                return Optional.empty();
            }
            String from = fk.columns().stream().map(c -> Identifiers.quote(c) + " = "
                    + Value.of(t.requireColumn(c), r[rows.index(c)]).sql()).collect(Collectors.joining(" AND "));
            String to = parentValues(t, fk, 0.15).entrySet().stream().map(e -> Identifiers.quote(e.getKey()) + " = "
                    + e.getValue().sql()).collect(Collectors.joining(", "));
            boolean risky = fk.columns().stream().anyMatch(t::isUniqueColumn);
            return Optional.of(Dml.of(StepKind.UPDATE_MANY, "UPDATE " + t.sqlName() + " SET " + to + " WHERE " + from,
                    t.sqlName(), false, risky));
        }
        List<ColumnModel> cols = updatable(t).stream().filter(c -> !t.isUniqueColumn(c.name())).toList();
        if (!cols.isEmpty() && chance(0.08)) {
            // Every row at once: the largest statement the workload writes, for engines that batch keys.
            ColumnModel c = pick(cols);
            String value = expression(c).orElse(Identifiers.quote(c.name()));
            return Optional.of(Dml.of(StepKind.UPDATE_MANY, "UPDATE " + t.sqlName() + " SET " + Identifiers.quote(c.name())
                    + " = " + value, t.sqlName(), false, t.checkedColumns().contains(c.name())));
        }
        Optional<String> where = manyRows(t);
        if (cols.isEmpty() || where.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnModel> set = subset(cols, 1 + random.nextInt(Math.min(2, cols.size())));
        boolean risky = set.stream().anyMatch(c -> t.checkedColumns().contains(c.name()));
        return Optional.of(Dml.of(StepKind.UPDATE_MANY, "UPDATE " + t.sqlName() + " SET " + assignments(t, set, true)
                + " WHERE " + where.get(), t.sqlName(), false, risky));
    }

    // ------------------------------------------------------------------ deletes

    private boolean deleteBlocked(TableModel t) {
        return catalog.referencing(t).stream().anyMatch(ForeignKeyModel::blocksDelete);
    }

    private Optional<Dml> delete(TableModel t) throws SQLException {
        DataState.Rows rows = state.rows(t);
        String[] row = pickUnblockedRow(t, ForeignKeyModel::blocksDelete);
        return Optional.of(Dml.of(StepKind.DELETE, "DELETE FROM " + t.sqlName() + " WHERE " + where(t, rows, row),
                t.sqlName(), false, deleteBlocked(t)));
    }

    /**
     * Mostly a row no child references through a foreign key that {@code blocks} (so that deleting
     * it or changing its key succeeds), sometimes any row (so that refusals stay covered).
     */
    private String[] pickUnblockedRow(TableModel t, java.util.function.Predicate<ForeignKeyModel> blocks) throws SQLException {
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

    private Optional<Dml> deleteMany() throws SQLException {
        Optional<TableModel> table = pickRowTable(true);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        return manyRows(t).map(w -> Dml.of(StepKind.DELETE_MANY, "DELETE FROM " + t.sqlName() + " WHERE " + w,
                t.sqlName(), false, deleteBlocked(t)));
    }

    private Optional<Dml> truncate(boolean inTransaction) {
        List<TableModel> leaves = new ArrayList<>();
        List<TableModel> parents = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            boolean referenced = catalog.referencing(t).stream().anyMatch(f -> !f.child().equals(t.sqlName()));
            (referenced ? parents : leaves).add(t);
        }
        // A cascading TRUNCATE empties whole families; only inside a transaction, which then mostly rolls back.
        boolean cascade = !parents.isEmpty() && inTransaction && (leaves.isEmpty() || chance(0.3));
        if (!cascade && leaves.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = cascade ? pick(parents) : pick(leaves);
        String sql = "TRUNCATE " + t.sqlName() + (chance(0.25) ? " RESTART IDENTITY" : "") + (cascade ? " CASCADE" : "");
        return Optional.of(new Dml(StepKind.TRUNCATE, sql, catalog.affectedBy(t.sqlName()), false, false, null));
    }

    // ------------------------------------------------------------------ several tables in one statement

    private Optional<Dml> writableCte() throws SQLException {
        Optional<Dml> first = singleRowDml(null);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        String firstTable = first.get().writes().iterator().next();
        Optional<Dml> second = singleRowDml(firstTable);
        if (second.isEmpty()) {
            return Optional.empty();
        }
        Set<String> writes = new LinkedHashSet<>(first.get().writes());
        writes.addAll(second.get().writes());
        String sql = "WITH w AS (" + first.get().sql() + " RETURNING 1) " + second.get().sql();
        return Optional.of(new Dml(StepKind.WRITABLE_CTE, sql, writes,
                first.get().insertOnly() && second.get().insertOnly(), true, null));
    }

    /** A one-row INSERT, UPDATE or DELETE on a table other than {@code not}. */
    private Optional<Dml> singleRowDml(String not) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            int form = random.nextInt(3);
            Optional<TableModel> t = form == 0 ? pickInsertTable() : pickRowTable(form == 2);
            if (t.isEmpty() || t.get().sqlName().equals(not)) {
                continue;
            }
            Optional<Dml> d = form == 0 ? insert(t.get(), 1, StepKind.INSERT) : form == 1 ? update(t.get()) : delete(t.get());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private Optional<Dml> merge() throws SQLException {
        Map<TableModel, Double> w = new LinkedHashMap<>();
        for (TableModel t : catalog.tables()) {
            if (t.singleKey().isPresent() && !t.singleKey().get().generated() && state.rows(t).count() >= 2 && canInsert(t)
                    && ValueFactory.supports(t.singleKey().get())) {
                w.put(t, 1.0);
            }
        }
        Optional<TableModel> table = weighted(w);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        ColumnModel k = t.singleKey().get();
        DataState.Rows rows = state.rows(t);
        int d = pickIndex(rows.values().size());
        int u = (d + 1 + random.nextInt(rows.values().size() - 1)) % rows.values().size();
        String deleted = Value.of(k, rows.values().get(d)[rows.index(k.name())]).sql();
        String updated = Value.of(k, rows.values().get(u)[rows.index(k.name())]).sql();
        String inserted = values.unique(k).sql();
        String cast = " AS " + k.declaredType() + ")";
        List<ColumnModel> set = subset(updatable(t).stream().filter(c -> !t.isUniqueColumn(c.name())).toList(), 1);
        RowPlan base = plan(t, false);
        List<ColumnModel> cols = new ArrayList<>(List.of(k));
        base.columns().stream().filter(c -> !c.name().equals(k.name())).forEach(cols::add);
        RowPlan plan = new RowPlan(t, cols, true, k.identityAlways());
        Map<String, Value> row = row(plan, false);
        String values = plan.columns().stream().map(c -> c.name().equals(k.name()) ? "s.k" : row.get(c.name()).sql())
                .collect(Collectors.joining(", "));
        String q = Identifiers.quote(k.name());
        String sql = "MERGE INTO " + t.sqlName() + " AS m USING (VALUES (CAST(" + deleted + cast + "), (CAST(" + updated + cast
                + "), (CAST(" + inserted + cast + ")) AS s(k) ON m." + q + " = s.k"
                + " WHEN MATCHED AND m." + q + " = " + deleted + " THEN DELETE"
                + (set.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + assignments(t, set, false))
                + " WHEN NOT MATCHED THEN INSERT (" + columnList(plan.columns()) + ")"
                + (plan.overriding() ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + values + ")";
        return Optional.of(Dml.of(StepKind.MERGE, sql, t.sqlName(), false, true));
    }

    // ------------------------------------------------------------------ statements that must fail

    /** A value of {@code c}'s type that no parent has: negative numbers far below any key, fresh UUIDs and texts. */
    private Optional<Value> missingParent(ColumnModel c) {
        return switch (c.baseType()) {
            case "int2" -> Optional.of(Value.of(c, Long.toString(-30_000 + values.nextCounter() % 1000)));
            case "int4", "int8", "numeric" -> Optional.of(Value.of(c, Long.toString(-1_000_000_000L - values.nextCounter())));
            case "uuid", "text", "varchar" -> Optional.of(values.unique(c));
            default -> Optional.empty();
        };
    }

    private Optional<Dml> failForeignKey() throws SQLException {
        List<TableModel> children = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            if (!t.foreignKeys().isEmpty() && canInsert(t)) {
                children.add(t);
            }
        }
        if (children.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = pick(children);
        ForeignKeyModel fk = pick(t.foreignKeys());
        ColumnModel broken = t.requireColumn(fk.columns().get(0));
        Optional<Value> bogus = missingParent(broken);
        if (bogus.isEmpty() || state.rows(catalog.requireTable(fk.parent())).isEmpty() && fk.columns().size() > 1) {
            return Optional.empty();
        }
        Map<String, Value> fkValues = new LinkedHashMap<>(parentValues(t, fk, 0));
        fkValues.put(broken.name(), bogus.get());
        if (fkValues.values().stream().anyMatch(Value::isNull)) {
            return Optional.empty(); // MATCH SIMPLE: any NULL column and the key is not checked
        }
        DataState.Rows rows = state.rows(t);
        if (!rows.isEmpty() && !t.rowIdentity().isEmpty() && chance(0.5)) {
            String set = fkValues.entrySet().stream().map(e -> Identifiers.quote(e.getKey()) + " = " + e.getValue().sql())
                    .collect(Collectors.joining(", "));
            return Optional.of(Dml.of(StepKind.FAIL_FOREIGN_KEY, "UPDATE " + t.sqlName() + " SET " + set + " WHERE "
                    + where(t, rows, pickRow(rows)), t.sqlName(), false, true));
        }
        RowPlan plan = withColumns(plan(t, false), fk.columns());
        Map<String, Value> row = row(plan, false);
        row.putAll(fkValues);
        return Optional.of(Dml.of(StepKind.FAIL_FOREIGN_KEY, insertInto(plan) + " VALUES " + tuple(plan, row),
                t.sqlName(), true, true));
    }

    /** {@code plan} with {@code names} among its columns (added if the plan left them to their defaults). */
    private static RowPlan withColumns(RowPlan plan, List<String> names) {
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

    private Optional<Dml> failUnique() throws SQLException {
        List<Object[]> candidates = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            DataState.Rows rows = state.rows(t);
            if (rows.isEmpty() || !canInsert(t)) {
                continue;
            }
            List<List<String>> groups = new ArrayList<>(t.uniques());
            if (!t.primaryKey().isEmpty()) {
                groups.add(t.primaryKey());
            }
            for (List<String> g : groups) {
                if (g.stream().noneMatch(c -> t.requireColumn(c).generated())) {
                    candidates.add(new Object[]{t, g});
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Object[] choice = pick(candidates);
        TableModel t = (TableModel) choice[0];
        @SuppressWarnings("unchecked")
        List<String> group = (List<String>) choice[1];
        DataState.Rows rows = state.rows(t);
        String[] existing = pickRow(rows);
        if (group.stream().anyMatch(c -> existing[rows.index(c)] == null)) {
            return Optional.empty(); // NULLs never conflict
        }
        boolean identityAlways = group.stream().anyMatch(c -> t.requireColumn(c).identityAlways());
        if (rows.count() >= 2 && !identityAlways && !t.rowIdentity().isEmpty() && chance(0.5)) {
            String[] other = pickRow(rows);
            if (other != existing) {
                String set = group.stream().map(c -> Identifiers.quote(c) + " = "
                        + Value.of(t.requireColumn(c), existing[rows.index(c)]).sql()).collect(Collectors.joining(", "));
                return Optional.of(Dml.of(StepKind.FAIL_UNIQUE, "UPDATE " + t.sqlName() + " SET " + set + " WHERE "
                        + where(t, rows, other), t.sqlName(), false, true));
            }
        }
        RowPlan plan = withColumns(plan(t, false), group);
        Map<String, Value> row = row(plan, false);
        group.forEach(c -> row.put(c, Value.of(t.requireColumn(c), existing[rows.index(c)])));
        return Optional.of(Dml.of(StepKind.FAIL_UNIQUE, insertInto(plan) + " VALUES " + tuple(plan, row), t.sqlName(),
                true, true));
    }

    private Optional<Dml> failNotNull() throws SQLException {
        List<Object[]> candidates = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            if (t.rowIdentity().isEmpty() || state.rows(t).isEmpty()) {
                continue;
            }
            for (ColumnModel c : t.writableColumns()) {
                if (c.notNull() && !c.identityAlways()) {
                    candidates.add(new Object[]{t, c});
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Object[] choice = pick(candidates);
        TableModel t = (TableModel) choice[0];
        ColumnModel c = (ColumnModel) choice[1];
        DataState.Rows rows = state.rows(t);
        return Optional.of(Dml.of(StepKind.FAIL_NOT_NULL, "UPDATE " + t.sqlName() + " SET " + Identifiers.quote(c.name())
                + " = NULL WHERE " + where(t, rows, pickRow(rows)), t.sqlName(), false, true));
    }

    private Optional<Dml> failRestrict() throws SQLException {
        List<ForeignKeyModel> blocking = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            for (ForeignKeyModel f : t.foreignKeys()) {
                if (f.blocksDelete() && !f.deferrable() && !state.rows(t).isEmpty() && !f.child().equals(f.parent())) {
                    blocking.add(f);
                }
            }
        }
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        ForeignKeyModel fk = pick(blocking);
        TableModel child = catalog.requireTable(fk.child());
        TableModel parent = catalog.requireTable(fk.parent());
        DataState.Rows rows = state.rows(child);
        String[] r = pickRow(rows);
        if (fk.columns().stream().anyMatch(c -> r[rows.index(c)] == null)) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            conditions.add(Identifiers.quote(fk.parentColumns().get(i)) + " = "
                    + Value.of(parent.requireColumn(fk.parentColumns().get(i)), r[rows.index(fk.columns().get(i))]).sql());
        }
        return Optional.of(Dml.of(StepKind.FAIL_RESTRICT, "DELETE FROM " + parent.sqlName() + " WHERE "
                + String.join(" AND ", conditions), parent.sqlName(), false, true));
    }

    private Optional<Dml> failLastRow() throws SQLException {
        Optional<TableModel> table = pickInsertTable();
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        RowPlan plan = plan(t, false);
        List<Map<String, Value>> rows = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            rows.add(row(plan, false));
        }
        Map<String, Value> last = row(plan, false);
        // Break the last row: a parent that does not exist, or the first row's unique values again.
        Optional<ForeignKeyModel> fk = t.foreignKeys().stream()
                .filter(f -> plan.columns().contains(t.requireColumn(f.columns().get(0)))).findFirst();
        Optional<List<String>> group = t.uniques().stream().filter(u -> u.stream().allMatch(c -> plan.columns().contains(t.requireColumn(c))))
                .findFirst();
        if (fk.isPresent() && fk.get().columns().size() == 1 && missingParent(t.requireColumn(fk.get().columns().get(0))).isPresent()) {
            last.put(fk.get().columns().get(0), missingParent(t.requireColumn(fk.get().columns().get(0))).get());
        } else if (group.isPresent()) {
            group.get().forEach(c -> last.put(c, rows.get(0).get(c)));
            if (group.get().stream().anyMatch(c -> last.get(c).isNull())) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        rows.add(last);
        List<String> tuples = rows.stream().map(r -> tuple(plan, r)).toList();
        return Optional.of(Dml.of(StepKind.FAIL_LAST_ROW, insertInto(plan) + " VALUES " + String.join(", ", tuples),
                t.sqlName(), true, true));
    }

}
