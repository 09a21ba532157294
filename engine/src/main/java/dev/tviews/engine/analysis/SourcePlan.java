package dev.tviews.engine.analysis;

import java.util.List;
import java.util.Optional;

/**
 * Everything the triggers of one source relation need for one TVIEW.
 *
 * @param relation    the relation whose changes matter
 * @param mappings    one per occurrence of it in the definition
 * @param readColumns the columns the definition reads from it (PostgreSQL's own record); empty
 *                    when it reads the whole row, so no UPDATE can be skipped
 * @param primaryKey  its primary key, to pair old and new rows of an UPDATE; empty without one
 * @param fullRefresh whether its changes refresh the whole TVIEW (an untraceable occurrence
 *                    under the full-refresh policy)
 * @param partitions  per occurrence of it and window partition column: the partitions its changes touch
 */
public record SourcePlan(Relation relation, List<OccurrenceMapping> mappings, Optional<List<ColumnInfo>> readColumns,
                         List<String> primaryKey, boolean fullRefresh, List<PartitionMapping> partitions) {

    public SourcePlan(Relation relation, List<OccurrenceMapping> mappings, Optional<List<ColumnInfo>> readColumns,
                      List<String> primaryKey, boolean fullRefresh) {
        this(relation, mappings, readColumns, primaryKey, fullRefresh, List.of());
    }

    public List<String> kinds() {
        java.util.stream.Stream<String> kinds = mappings.stream().map(m -> m.kind().name().toLowerCase());
        if (fullRefresh) {
            kinds = java.util.stream.Stream.concat(kinds, java.util.stream.Stream.of("all_keys"));
        }
        return kinds.distinct().sorted().toList();
    }
}
