package dev.tviews.checker.generate;

import dev.tviews.sql.Identifiers;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Statements that must fail, each for a reason the catalog guarantees: a foreign key pointing
 * nowhere, another row's unique values, NULL in a NOT NULL column, deleting a parent that RESTRICT
 * children reference, a multi-row insert whose last row is bad. Run inside a savepoint, they show
 * that a refused statement leaves the read models as they were.
 */
final class FailingStatements extends StatementParts {

    FailingStatements(CatalogModel catalog, DataState state, SplittableRandom random, ValueFactory values) {
        super(catalog, state, random, values);
    }

    Optional<Dml> failForeignKey() throws SQLException {
        List<TableModel> children = new ArrayList<>();
        for (TableModel t : catalog.tables()) {
            if (t.foreignKeys().stream().anyMatch(ForeignKeyModel::enforced) && canInsert(t)) {
                children.add(t);
            }
        }
        if (children.isEmpty()) {
            return Optional.empty();
        }
        TableModel t = pick(children);
        ForeignKeyModel fk = pick(t.foreignKeys().stream().filter(ForeignKeyModel::enforced).toList());
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

    Optional<Dml> failUnique() throws SQLException {
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

    Optional<Dml> failNotNull() throws SQLException {
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

    Optional<Dml> failRestrict() throws SQLException {
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

    Optional<Dml> failLastRow() throws SQLException {
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
        Optional<ForeignKeyModel> fk = t.foreignKeys().stream().filter(ForeignKeyModel::enforced)
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
