package dev.tviews.engine.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the definition reads and how its reads are linked: every occurrence of a relation, every
 * column equality between two occurrences, and the column that provides the TVIEW's key.
 *
 * @param key                 the column that provides the key; null when it is computed
 * @param keyExpression       the expression that computes the key from one occurrence's row; null
 *                            when the key is a column
 * @param outputs             the output columns that are plain column references, by output name,
 *                            with the occurrence column each one reads (through derived tables)
 * @param unorderedAggregates whether an aggregate builds an array or string without ORDER BY,
 *                            whose element order PostgreSQL leaves open
 * @param windowPartitions    the first PARTITION BY column of each traced window function: a change
 *                            refreshes every key of the partitions it touches, old and new
 * @param topWindows          whether the top level computes window functions (all traced)
 * @param branchKeys          for a UNION ALL, the key column of every branch after the first
 *                            ({@code key}); empty otherwise
 */
public record QueryGraph(List<Occurrence> occurrences, List<Edge> edges, ColumnRef key, KeyExpression keyExpression,
                         Map<String, ColumnRef> outputs, boolean unorderedAggregates,
                         List<ColumnRef> windowPartitions, boolean topWindows, List<ColumnRef> branchKeys) {

    /** The same graph keyed on {@code column}: how changed rows reach its values. */
    public QueryGraph keyedOn(ColumnRef column) {
        return new QueryGraph(occurrences, edges, column, null, outputs, unorderedAggregates, windowPartitions, topWindows,
                List.of());
    }
}
