package dev.tviews.checker.generate;

import java.util.List;

/**
 * The partitions of a partitioned write table, at every level, and the columns that decide which
 * partition a row belongs in. A write naming a partition fires that partition's statement triggers,
 * not the parent's, so workloads name partitions too.
 *
 * @param partitions  partitions as SQL names, upper levels first
 * @param keyColumns  the columns any level partitions by
 */
public record PartitionTree(List<String> partitions, List<String> keyColumns) {

    public PartitionTree {
        partitions = List.copyOf(partitions);
        keyColumns = List.copyOf(keyColumns);
    }
}
