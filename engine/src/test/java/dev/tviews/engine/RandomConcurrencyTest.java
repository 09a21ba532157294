package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 connections write at READ COMMITTED to every source table of the social TVIEWs, with keys
 * drawn from a few hot rows, in short multi-statement transactions; deadlocks and
 * serialization failures are retried. Afterwards every TVIEW equals its definition.
 */
@Schema("social")
class RandomConcurrencyTest {

    static final int CLIENTS = 8;
    static final int TRANSACTIONS_PER_CLIENT = 25;

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void hotKeysMixedWritesStayExact(TriggerMode mode, TestDb db) throws Exception {
        db.tviews().setTriggerMode(mode);
        List<String> names = db.createAll("social");
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        long seed = 20261124L;
        for (int i = 0; i < CLIENTS; i++) {
            SplittableRandom random = new SplittableRandom(seed + i);
            clients.add(pool.submit(() -> {
                try (Connection c = db.newConnection()) {
                    try (Statement st = c.createStatement()) {
                        // Deadlocks are expected with hot keys; detect them quickly instead of after 1 s.
                        st.execute("SET deadlock_timeout = '100ms'");
                        if (System.getProperty("tviews.test.lockingOff") != null) {
                            st.execute("SET tviews.locking = off");
                        }
                    }
                    c.setAutoCommit(false);
                    for (int t = 0; t < TRANSACTIONS_PER_CLIENT; t++) {
                        List<String> tx = transaction(random);
                        runWithRetry(c, tx, retries);
                        committed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        System.out.printf("%s mode: %d transactions committed, %d retries%n", mode, committed.get(), retries.get());
        assertThat(committed.get()).isEqualTo(CLIENTS * TRANSACTIONS_PER_CLIENT);
        db.assertFresh(names.toArray(String[]::new));
    }

    /** One to three writes on hot rows (ids 1..3) across users, posts, comments and organisations. */
    static List<String> transaction(SplittableRandom r) {
        List<String> statements = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int hot = 1 + r.nextInt(3);
            int other = 1 + r.nextInt(6);
            statements.add(switch (r.nextInt(11)) {
                case 0 -> "UPDATE tb_user SET name = 'user " + r.nextInt(1000) + "' WHERE pk_user = " + hot;
                case 1 -> "UPDATE tb_user SET fk_org = " + (1 + r.nextInt(3)) + " WHERE pk_user = " + other;
                case 2 -> "UPDATE tb_org SET name = 'org " + r.nextInt(1000) + "' WHERE pk_org = " + hot;
                case 3 -> "INSERT INTO tb_post (title, fk_user) VALUES ('p" + r.nextInt(1000) + "', " + hot + ")";
                case 4 -> "UPDATE tb_post SET fk_user = " + other + " WHERE pk_post = " + hot;
                case 5 -> "UPDATE tb_post SET title = 't" + r.nextInt(1000) + "', published = " + r.nextBoolean()
                        + " WHERE pk_post = " + (1 + r.nextInt(12));
                case 6 -> "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('c" + r.nextInt(1000) + "', "
                        + hot + ", " + (r.nextInt(4) == 0 ? "NULL" : Integer.toString(other)) + ")";
                case 7 -> "UPDATE tb_comment SET fk_post = " + hot + " WHERE pk_comment = "
                        + "(SELECT min(pk_comment) FROM tb_comment WHERE fk_post = " + (4 + r.nextInt(8)) + ")";
                case 8 -> "DELETE FROM tb_comment WHERE pk_comment = (SELECT max(pk_comment) FROM tb_comment "
                        + "WHERE fk_post = " + hot + ")";
                case 9 -> "UPDATE tb_comment SET body = 'b" + r.nextInt(1000) + "' WHERE fk_post = " + hot;
                default -> "UPDATE tb_user SET fk_manager = " + hot + " WHERE pk_user = " + (4 + r.nextInt(3));
            });
        }
        return statements;
    }

    static void runWithRetry(Connection c, List<String> tx, AtomicInteger retries) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Statement st = c.createStatement()) {
                for (String sql : tx) {
                    st.execute(sql);
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                boolean retryable = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!retryable || attempt >= 50) {
                    throw e;
                }
                retries.incrementAndGet();
                // Randomised backoff, so that the same two transactions do not collide again at once.
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20 * (attempt + 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
