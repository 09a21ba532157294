package dev.tviews.engine;

import java.util.Objects;

/**
 * How a tv_* table is partitioned: on one column of the definition (which joins the primary key,
 * as PostgreSQL requires of a partitioned table's unique constraints).
 *
 * @param method     HASH creates {@code partitions} partitions named {@code <table>_p<n>}; RANGE and
 *                   LIST create only a DEFAULT partition, to which the user adds partitions with
 *                   {@code CREATE TABLE ... PARTITION OF} as in the architect guide
 * @param column     a column of the definition; it must never be NULL
 * @param partitions number of hash partitions (ignored for RANGE and LIST)
 */
public record Partitioning(Method method, String column, int partitions) {

    public enum Method { HASH, RANGE, LIST }

    public Partitioning {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(column, "column");
        if (method == Method.HASH && (partitions < 1 || partitions > 1024)) {
            throw new IllegalArgumentException("hash partitioning of a TVIEW needs 1 to 1024 partitions, not " + partitions);
        }
    }

    public static Partitioning hash(String column, int partitions) {
        return new Partitioning(Method.HASH, column, partitions);
    }

    public static Partitioning range(String column) {
        return new Partitioning(Method.RANGE, column, 0);
    }

    public static Partitioning list(String column) {
        return new Partitioning(Method.LIST, column, 0);
    }
}
