package dev.tviews.engine.analysis;

import java.util.List;

/**
 * The outcome of analysing a definition: enough to generate every object of the TVIEW.
 *
 * @param schema    schema of the tv_* table
 * @param table     name of the tv_* table
 * @param keyColumn the key column
 * @param keyType   the key's SQL type
 * @param columns   the definition's output columns, which become the tv_* table's columns
 * @param sources   one plan per relation the definition reads
 * @param depth     1 for a TVIEW over tables; one more than the deepest TVIEW it reads
 * @param unorderedAggregates whether array-building aggregates lack ORDER BY
 * @param keyColumns the tv table's primary key: {@code keyColumn}, then the other columns of a
 *                  composite key; refreshes go by values of {@code keyColumn}
 */
public record Analysis(String schema, String table, String keyColumn, String keyType, List<ColumnInfo> columns,
                       List<SourcePlan> sources, int depth, boolean unorderedAggregates,
                       List<String> keyColumns) {
}
