package dev.tviews.scenarios.model;

import java.util.List;

/**
 * How one table is filled. Tables are loaded in list order, so parents come before children. The
 * table's single integer primary key, if it has one, is numbered 1, 2, … and is not listed here.
 */
public record TableData(String table, List<ColumnSpec> columns, SourceLocation location) {
    public TableData {
        columns = List.copyOf(columns);
    }
}
