package dev.tviews.benchmarks.profile;

import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.Workspace;
import dev.tviews.database.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * Counts the tv_* tuples the engine writes for writes that change no column any TVIEW reads: 100 updates
 * of {@code tb_product.created_at} with tv_product and tv_category maintained by tviews-statement, counted
 * from {@code pg_stat_xact_user_tables} inside the transaction. A price update afterwards must show up in
 * the same counters (a control: a probe that cannot see writes would always report 0).
 */
final class UnreadColumnProbe {

    static final int WRITES = 100;

    private UnreadColumnProbe() {
    }

    static long tuplesWritten(PostgresServer server) throws SQLException {
        try (Workspace ws = Workspace.open(Datasets.ecommerce(server, 10_000), "tviews-statement",
                Definitions.ecommerce("tv_product", "tv_category"))) {
            Connection c = ws.connection();
            // Counted as a difference: the view also shows this session's counts that are not flushed yet.
            long before = tvTuples(c);
            SplittableRandom random = new SplittableRandom(5);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tb_product SET created_at = created_at + interval '1 second' WHERE pk_product = ?")) {
                for (int i = 0; i < WRITES; i++) {
                    ps.setLong(1, 1 + random.nextInt(10_000));
                    ps.executeUpdate();
                }
            }
            long unread = tvTuples(c) - before;
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product = 1");
            }
            if (tvTuples(c) - before <= unread) {
                throw new IllegalStateException("The unread-column probe saw no tv_* write for a price update either: "
                        + "pg_stat_xact_user_tables does not count here, so its 0 would mean nothing");
            }
            c.rollback();
            return unread;
        }
    }

    private static long tvTuples(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables "
                        + "WHERE relname IN ('tv_product', 'tv_category')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
