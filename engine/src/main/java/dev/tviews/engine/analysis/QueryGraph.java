package dev.tviews.engine.analysis;

import java.util.List;

/**
 * What the definition reads and how its reads are linked: every occurrence of a relation, every
 * column equality between two occurrences, and the column that provides the TVIEW's key.
 *
 * @param unorderedAggregates whether an aggregate builds an array or string without ORDER BY,
 *                            whose element order PostgreSQL leaves open
 */
public record QueryGraph(List<Occurrence> occurrences, List<Edge> edges, ColumnRef key,
                         boolean unorderedAggregates) {
}
