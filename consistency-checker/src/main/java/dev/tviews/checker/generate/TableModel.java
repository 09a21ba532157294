package dev.tviews.checker.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A write table: its columns, keys and constraints.
 *
 * @param sqlName       the table as SQL ({@code regclass} text: quoted and qualified only where needed)
 * @param primaryKey    primary-key columns, empty if there is none
 * @param uniques       unique constraints and unique indexes (column lists), the primary key excluded
 * @param foreignKeys   foreign keys of this table (to its parents)
 * @param checkedColumns columns named in CHECK constraints (values may be refused)
 * @param userTriggers  the table has triggers of its own (not the engines'), which may write anywhere
 */
public record TableModel(long oid, String sqlName, String name, List<ColumnModel> columns, List<String> primaryKey,
                         List<List<String>> uniques, List<ForeignKeyModel> foreignKeys, Set<String> checkedColumns,
                         boolean userTriggers) {

    public TableModel {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniques = uniques.stream().map(List::copyOf).toList();
        foreignKeys = List.copyOf(foreignKeys);
        checkedColumns = Set.copyOf(checkedColumns);
    }

    public Optional<ColumnModel> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    public ColumnModel requireColumn(String column) {
        return column(column).orElseThrow(() -> new IllegalStateException(sqlName + " has no column " + column));
    }

    /** Columns identifying a row: the primary key, else the first unique constraint of NOT NULL columns. */
    public List<String> rowIdentity() {
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        for (List<String> u : uniques) {
            if (u.stream().allMatch(c -> requireColumn(c).notNull())) {
                return u;
            }
        }
        return List.of();
    }

    /** The single primary-key column, if the key has exactly one. */
    public Optional<ColumnModel> singleKey() {
        return primaryKey.size() == 1 ? column(primaryKey.get(0)) : Optional.empty();
    }

    /** Columns a statement may set: not generated, not an identity that is GENERATED ALWAYS. */
    public List<ColumnModel> writableColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    public boolean isUniqueColumn(String column) {
        return primaryKey.contains(column) || uniques.stream().anyMatch(u -> u.contains(column));
    }

    public Optional<ForeignKeyModel> foreignKeyOf(String column) {
        return foreignKeys.stream().filter(f -> f.columns().contains(column)).findFirst();
    }

    /** Row identity, unique, foreign-key and referenced columns: what the generator keeps of each row. */
    List<String> trackedColumns(List<ForeignKeyModel> incoming) {
        Set<String> cols = new LinkedHashSet<>(rowIdentity());
        cols.addAll(primaryKey);
        uniques.forEach(cols::addAll);
        foreignKeys.forEach(f -> cols.addAll(f.columns()));
        incoming.forEach(f -> cols.addAll(f.parentColumns()));
        return new ArrayList<>(cols);
    }
}
