package dev.tviews.engine.operations;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.Session;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_tviews_queue_stats() and pg_tviews_debug_queue(): every figure moves, and counting does not serialize writers. */
@Schema("social")
class QueueStatsTest {

    private static void create(TestDb db, String... names) throws SQLException {
        var defs = Definitions.load("social");
        for (String n : names) {
            db.create(n, defs.get(n));
        }
    }

    private static void snapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO snapshots SELECT pg_tviews_queue_stats()");
        }
    }

    @Test
    void everyFieldTakesAtLeastTwoValues(TestDb db) throws SQLException {
        create(db, "tv_user", "tv_org");
        // Snapshots are kept in a table the test owns; a rolled-back transaction keeps its snapshots
        // because they are taken through a second connection only when outside the transaction.
        db.exec("CREATE TABLE snapshots (s jsonb)", "SELECT pg_tviews_reset_stats()");
        Connection c = db.connection();
        snapshot(c);
        db.begin();
        db.exec("UPDATE tb_user SET name = 'Ann B.' WHERE pk_user = 1");
        snapshot(c);
        db.commit();
        db.begin();
        db.exec("SET LOCAL tviews.batch = on", "UPDATE tb_user SET fk_org = 2 WHERE pk_user = 2",
                "UPDATE tb_user SET name = 'Bob B.' WHERE pk_user = 2");
        snapshot(c);
        db.commit();
        db.begin();
        db.exec("DELETE FROM tb_user WHERE pk_user = 6", "DELETE FROM tb_org WHERE pk_org = 3",
                "SELECT pg_tviews_refresh('tv_user')", "SELECT pg_tviews_refresh('tv_org')");
        snapshot(c);
        db.commit();
        db.exec("SELECT pg_tviews_suspend()");
        snapshot(c);
        db.exec("SELECT pg_tviews_resume()");
        try (Connection other = db.newConnection(); Statement st = other.createStatement()) {
            st.execute("UPDATE tb_user SET name = 'Cid B.' WHERE pk_user = 3");
            snapshot(other);
        }
        db.exec("SELECT pg_tviews_reset_stats()");
        snapshot(c);

        List<String> fields = db.column("""
                WITH RECURSIVE leaves(path, value) AS (
                    SELECT ARRAY[e.key], e.value FROM snapshots, jsonb_each(s) e
                    UNION ALL
                    SELECT l.path || e.key, e.value FROM leaves l, jsonb_each(l.value) e
                    WHERE jsonb_typeof(l.value) = 'object'
                )
                SELECT array_to_string(path, '.') || ' ' || count(DISTINCT value::text)
                FROM leaves WHERE jsonb_typeof(value) <> 'object' GROUP BY path ORDER BY 1""");
        assertThat(fields).hasSize(6 + 6 + 7 + 2 * 9 + 1).contains("standby 1");
        // standby is true only on a standby, where ReplicaConsistencyTest (consistency checker) reads it.
        assertThat(fields).filteredOn(f -> !f.startsWith("standby "))
                .as("every field of pg_tviews_queue_stats() with its number of distinct values")
                .allSatisfy(f -> assertThat(Integer.parseInt(f.substring(f.lastIndexOf(' ') + 1)))
                        .as(f).isGreaterThanOrEqualTo(2));
        assertThat(fields).anyMatch(f -> f.startsWith("graph_cache_hit_rate "))
                .anyMatch(f -> f.startsWith("table_cache_hit_rate ")).anyMatch(f -> f.startsWith("queue_size "))
                .anyMatch(f -> f.startsWith("total_timing_ms ")).anyMatch(f -> f.startsWith("tviews.tv_org.rows_deleted "));
    }

    @Test
    void aNewConnectionCountsCacheMissesThenHits(TestDb db) throws SQLException {
        create(db, "tv_user");
        db.exec("SELECT pg_tviews_reset_stats()");
        try (Connection other = db.newConnection(); Statement st = other.createStatement()) {
            st.execute("UPDATE tb_user SET name = 'x' WHERE pk_user = 1");
            assertThat(db.scalar("SELECT pg_tviews_queue_stats()->>'table_cache_hit_rate'")).isEqualTo("0");
            assertThat(db.scalar("SELECT pg_tviews_queue_stats()->>'graph_cache_hit_rate'")).isEqualTo("0");
            for (int i = 0; i < 3; i++) {
                st.execute("UPDATE tb_user SET name = 'y" + i + "' WHERE pk_user = 1");
            }
            assertThat(db.scalar("SELECT pg_tviews_queue_stats()->>'table_cache_hit_rate'")).isEqualTo("0.75");
            assertThat(db.scalar("SELECT pg_tviews_queue_stats()->>'graph_cache_hit_rate'")).isEqualTo("0.75");
        }
    }

    @Test
    void rolledBackWorkIsNotCountedAndEveryCommittedRefreshIsCountedOnce(TestDb db) throws SQLException {
        create(db, "tv_user");
        db.exec("SELECT pg_tviews_reset_stats()");
        String refreshes = "SELECT coalesce(sum(refreshes), 0) FROM tviews.stats";
        try (Connection writer = db.newConnection(); Statement st = writer.createStatement()) {
            writer.setAutoCommit(false);
            for (int i = 0; i < 5; i++) {
                st.execute("UPDATE tb_user SET name = 'n" + i + "' WHERE pk_user = 1");
            }
            writer.rollback();
            assertThat(db.scalarLong(refreshes)).as("a rolled-back transaction counts nothing").isZero();
            for (int i = 0; i < 5; i++) {
                st.execute("UPDATE tb_user SET name = 'm" + i + "' WHERE pk_user = 1");
            }
            st.execute("SAVEPOINT s");
            st.execute("UPDATE tb_user SET name = 'gone' WHERE pk_user = 1");
            st.execute("ROLLBACK TO SAVEPOINT s");
            writer.commit();
            // The first refresh of a transaction writes the backend's row; the later ones wait in the
            // session and are written by its next transaction (the writer itself sees them at once).
            assertThat(db.scalarLong(refreshes)).isEqualTo(1);
            try (var rs = st.executeQuery("SELECT pg_tviews_queue_stats()->'totals'->>'refreshes'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
            st.execute("UPDATE tb_user SET name = 'last' WHERE pk_user = 1");
            writer.commit();
            assertThat(db.scalarLong(refreshes)).isEqualTo(6);
        }
    }

    @Test
    void debugQueueShowsWhatThisTransactionQueuedAndRefreshed(TestDb db) throws SQLException {
        create(db, "tv_user", "tv_org");
        db.begin();
        db.exec("UPDATE tb_org SET name = 'Acme 2' WHERE pk_org = 1", "SET LOCAL tviews.batch = on",
                "UPDATE tb_user SET name = 'Eve B.' WHERE pk_user = 5");
        // Eve (5) and Fay (6), whose manager she is, are queued; the org rename was refreshed at once.
        assertThat(db.column("SELECT tview || ' ' || batched || ' ' || queued_keys || ' ' || coalesce(queued_sample::text, '') "
                + "|| ' ' || refreshes || ' ' || keys_refreshed FROM pg_tviews_debug_queue()"))
                .containsExactly("tv_user true 2 {5,6} 1 2", "tv_org true 0 {} 1 1");
        db.commit();
    }

    @Test
    void countingDoesNotMakeWritersWaitForEachOther(TestDb db) throws Exception {
        create(db, "tv_user");
        try (Session a = new Session(db.newConnection()); Session b = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            a.begin("READ COMMITTED");
            a.exec("UPDATE tb_user SET email = 'a@example.org' WHERE pk_user = 1");
            b.begin("READ COMMITTED");
            Future<Void> step = b.start("UPDATE tb_user SET email = 'b@example.org' WHERE pk_user = 5");
            assertThat(b.awaitBlockedOrDone(step, monitor, Duration.ofSeconds(30)))
                    .as("a writer of another row does not wait for the first one's figures").isFalse();
            step.get(10, TimeUnit.SECONDS);
            a.commit();
            b.commit();
            assertThat(db.scalarLong("SELECT count(DISTINCT backend) FROM tviews.stats WHERE backend IN ("
                    + a.pid() + ", " + b.pid() + ")")).as("each writer counts in its own row").isEqualTo(2);
        }
        assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->'tviews'->'tv_user'->>'refreshes')::int"))
                .isGreaterThanOrEqualTo(3);
    }
}
