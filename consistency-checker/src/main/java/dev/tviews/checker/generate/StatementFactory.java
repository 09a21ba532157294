package dev.tviews.checker.generate;

import dev.tviews.sql.Identifiers;

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
final class StatementFactory extends StatementParts {

    private final FailingStatements failing;
    private final PartitionTargets partitions;

    StatementFactory(CatalogModel catalog, DataState state, SplittableRandom random, ValueFactory values,
                     double partitionShare) {
        super(catalog, state, random, values);
        this.failing = new FailingStatements(catalog, state, random, values);
        this.partitions = new PartitionTargets(catalog, state.connection(), random, partitionShare);
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
            case FAIL_FOREIGN_KEY -> failing.failForeignKey();
            case FAIL_UNIQUE -> failing.failUnique();
            case FAIL_NOT_NULL -> failing.failNotNull();
            case FAIL_RESTRICT -> failing.failRestrict();
            case FAIL_LAST_ROW -> failing.failLastRow();
            default -> throw new IllegalArgumentException(kind + " is not a statement");
        };
    }

    private interface TableStep {
        Optional<Dml> build(TableModel t) throws SQLException;
    }

    private static Optional<Dml> then(Optional<TableModel> table, TableStep step) throws SQLException {
        return table.isEmpty() ? Optional.empty() : step.build(table.get());
    }

    private Optional<Dml> insert(TableModel t, int rows, StepKind kind) throws SQLException {
        RowPlan plan = plan(t, true);
        Optional<IntoPartition> into = intoPartition(t, plan);
        List<String> tuples = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            Map<String, Value> row = row(plan, i == 0, taken);
            into.ifPresent(p -> row.putAll(p.keyValues()));
            tuples.add(tuple(plan, row));
        }
        String insert = into.map(p -> "INSERT INTO " + p.partition() + insertInto(plan).substring(
                ("INSERT INTO " + t.sqlName()).length())).orElse(insertInto(plan));
        return Optional.of(Dml.of(kind, insert + " VALUES " + String.join(", ", tuples), t.sqlName(), true,
                insertRisky(plan) || into.isPresent()));
    }

    /** A partition to insert into, and the partition-key values of a row it holds, which new rows copy to belong there. */
    private record IntoPartition(String partition, Map<String, Value> keyValues) {
    }

    private Optional<IntoPartition> intoPartition(TableModel t, RowPlan plan) throws SQLException {
        Optional<PartitionTree> tree = catalog.partitions(t);
        if (tree.isEmpty() || tree.get().keyColumns().isEmpty()) {
            return Optional.empty();
        }
        DataState.Rows rows = state.rows(t);
        List<String> planned = plan.columns().stream().map(ColumnModel::name).toList();
        if (rows.isEmpty() || !planned.containsAll(tree.get().keyColumns())
                || !rows.columns().containsAll(tree.get().keyColumns())) {
            return Optional.empty();
        }
        String[] existing = pickRow(rows);
        Optional<String> partition = partitions.holding(t, where(t, rows, existing));
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Value> keyValues = new LinkedHashMap<>();
        tree.get().keyColumns().forEach(k -> keyValues.put(k, Value.of(t.requireColumn(k), existing[rows.index(k)])));
        return Optional.of(new IntoPartition(partition.get(), keyValues));
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

    private Optional<Dml> update(TableModel t) throws SQLException {
        List<ColumnModel> candidates = updatable(t);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        DataState.Rows rows = state.rows(t);
        String where = where(t, rows, pickRow(rows));
        String target = partitions.forRow(t, where);
        if (!target.equals(t.sqlName())) {
            // Naming a partition, an update of its partition key could move the row out of it, which fails.
            List<String> keys = catalog.partitions(t).orElseThrow().keyColumns();
            List<ColumnModel> kept = candidates.stream().filter(c -> !keys.contains(c.name())).toList();
            if (kept.isEmpty()) {
                target = t.sqlName();
            } else {
                candidates = kept;
            }
        }
        List<ColumnModel> cols = subset(candidates, 1 + random.nextInt(Math.min(3, candidates.size())));
        boolean risky = cols.stream().anyMatch(c -> t.checkedColumns().contains(c.name()));
        String sql = "UPDATE " + target + " SET " + assignments(t, cols, true) + " WHERE " + where;
        return Optional.of(Dml.of(StepKind.UPDATE, sql, t.sqlName(), false, risky));
    }

    private Optional<Dml> updateNoop(TableModel t) throws SQLException {
        List<ColumnModel> cols = t.writableColumns().stream().filter(c -> !c.identityAlways()).toList();
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        String c = Identifiers.quote(pick(cols).name());
        DataState.Rows rows = state.rows(t);
        String where = where(t, rows, pickRow(rows));
        return Optional.of(Dml.of(StepKind.UPDATE_NOOP, "UPDATE " + partitions.forRow(t, where) + " SET " + c + " = " + c
                + " WHERE " + where, t.sqlName(), false, false));
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
                List<String> dangling = danglingReferences(t);
                value = !dangling.isEmpty() && chance(0.5) ? Value.of(k, pick(dangling)).sql()
                        : k.numberedByDatabase() && (k.identityAlways() || chance(0.5)) ? "DEFAULT" : values.unique(k).sql();
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

    private Optional<Dml> delete(TableModel t) throws SQLException {
        DataState.Rows rows = state.rows(t);
        List<String> gone = state.deletedKeys(t);
        if (!gone.isEmpty() && chance(0.05)) {
            // A key deleted earlier: the statement matches no row, and the triggers see empty transition tables.
            ColumnModel k = t.singleKey().orElseThrow();
            return Optional.of(Dml.of(StepKind.DELETE, "DELETE FROM " + t.sqlName() + " WHERE " + Identifiers.quote(k.name())
                    + " = " + Value.of(k, gone.get(random.nextInt(gone.size()))).sql(), t.sqlName(), false, false));
        }
        String[] row = pickUnblockedRow(t, ForeignKeyModel::blocksDelete);
        String where = where(t, rows, row);
        return Optional.of(Dml.of(StepKind.DELETE, "DELETE FROM " + partitions.forRow(t, where) + " WHERE " + where,
                t.sqlName(), false, deleteBlocked(t)));
    }

    private Optional<Dml> deleteMany() throws SQLException {
        Optional<TableModel> table = pickRowTable(true);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = table.get();
        String target = partitions.any(t);
        return manyRows(t).map(w -> Dml.of(StepKind.DELETE_MANY, "DELETE FROM " + target + " WHERE " + w,
                t.sqlName(), false, deleteBlocked(t)));
    }

    private Optional<Dml> truncate(boolean inTransaction) {
        List<TableModel> leaves = new ArrayList<>();
        List<TableModel> parents = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            boolean referenced = catalog.referencing(t).stream()
                    .anyMatch(f -> f.enforced() && !f.child().equals(t.sqlName()));
            (referenced ? parents : leaves).add(t);
        }
        // A cascading TRUNCATE empties whole families; only inside a transaction, which then mostly rolls back.
        boolean cascade = !parents.isEmpty() && inTransaction && (leaves.isEmpty() || chance(0.3));
        if (!cascade && leaves.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = cascade ? pick(parents) : pick(leaves);
        String sql = "TRUNCATE " + partitions.any(t) + (chance(0.25) ? " RESTART IDENTITY" : "") + (cascade ? " CASCADE" : "");
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
}
