package dev.tviews.engine.analysis;

/**
 * How one occurrence's changed rows refresh the partitions of a window function: {@code toPartition}
 * maps the changed rows (old and new) to values of the window's PARTITION BY column
 * {@code partition}; {@code expansion}, the key mapping of that column's occurrence, then maps every
 * current row of those partitions to its key.
 */
public record PartitionMapping(ColumnRef partition, OccurrenceMapping toPartition, OccurrenceMapping expansion) {

    public String describe() {
        return toPartition.occurrence() + ": the window partitions of " + partition + " it touches ("
                + toPartition.describe().replaceFirst("^[^:]*: ", "") + "), every key of them";
    }
}
