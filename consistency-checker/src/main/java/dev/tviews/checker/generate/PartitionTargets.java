package dev.tviews.checker.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Which table of a partition tree a statement names: the partitioned table, or (with the workload's
 * share) one of its partitions. For a statement on one row, a partition that holds the row (its leaf or an
 * upper level), asked of the database, so that the statement finds the row.
 */
final class PartitionTargets {

    private final CatalogModel catalog;
    private final Connection connection;
    private final SplittableRandom random;
    private final double share;

    PartitionTargets(CatalogModel catalog, Connection connection, SplittableRandom random, double share) {
        this.catalog = catalog;
        this.connection = connection;
        this.random = random;
        this.share = share;
    }

    /** The table or a partition of it holding the row {@code where} selects. */
    String forRow(TableModel t, String where) throws SQLException {
        return holding(t, where).orElse(t.sqlName());
    }

    /** The table or any partition of it. */
    String any(TableModel t) {
        Optional<PartitionTree> tree = catalog.partitions(t);
        if (tree.isEmpty() || random.nextDouble() >= share) {
            return t.sqlName();
        }
        return tree.get().partitions().get(random.nextInt(tree.get().partitions().size()));
    }

    /** A partition holding the row {@code where} selects, with the workload's share; empty otherwise. */
    Optional<String> holding(TableModel t, String where) throws SQLException {
        if (catalog.partitions(t).isEmpty() || random.nextDouble() >= share) {
            return Optional.empty();
        }
        List<String> levels = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT a::text FROM pg_partition_ancestors((SELECT tableoid FROM "
                     + t.sqlName() + " WHERE " + where + " LIMIT 1)) a WHERE a <> '" + t.sqlName().replace("'", "''")
                     + "'::regclass")) {
            while (rs.next()) {
                levels.add(rs.getString(1));
            }
        }
        return levels.isEmpty() ? Optional.empty() : Optional.of(levels.get(random.nextInt(levels.size())));
    }
}
