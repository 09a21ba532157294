package dev.tviews.engine;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.Session;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Above READ COMMITTED a snapshot cannot move, so a conflicting writer must fail with a
 * serialization failure (40001), or a deadlock (40P01) at any level, and never leave a stale
 * row; retrying the failed transaction then succeeds and leaves every TVIEW exact.
 */
@Schema("social")
class IsolationTest {

    static final String RENAME_POST_2 = "UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2";
    static final String COMMENT_ON_POST_2 = "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new', 2, 1)";

    private static void createTvComment(TestDb db) throws SQLException {
        db.create("tv_comment", Definitions.load("social").get("tv_comment"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void aWriterLinkedToAnOpenTransactionFailsAndSucceedsOnRetry(String isolation, TestDb db) throws Exception {
        createTvComment(db);
        try (Session a = new Session(db.newConnection()); Session b = new Session(db.newConnection())) {
            a.begin("READ COMMITTED");
            a.exec(COMMENT_ON_POST_2);
            b.begin(isolation);
            assertThatThrownBy(() -> b.exec(RENAME_POST_2)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
            b.rollback();
            a.commit();
            retry(b, isolation, RENAME_POST_2);
        }
        db.assertFresh("tv_comment");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_comment WHERE data->>'post' = 'renamed' "
                + "AND data->>'body' = 'new'")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void aWriterWhoseSnapshotMissesACommittedChildFails(String isolation, TestDb db) throws Exception {
        createTvComment(db);
        try (Session a = new Session(db.newConnection()); Session b = new Session(db.newConnection())) {
            b.begin(isolation);
            b.exec("SELECT count(*) FROM tb_comment"); // takes B's snapshot
            a.exec(COMMENT_ON_POST_2); // commits, invisible to B's snapshot
            assertThatThrownBy(() -> b.exec(RENAME_POST_2)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
            b.rollback();
            retry(b, isolation, RENAME_POST_2);
        }
        db.assertFresh("tv_comment");
    }

    /**
     * Writers of unrelated rows at the same level: at REPEATABLE READ both commit; at
     * SERIALIZABLE PostgreSQL's own predicate locks may still fail the second (40001), and the
     * retry commits. Either way nothing is stale.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void unrelatedWritersAtTheSameLevelCommitOrRetry(String isolation, TestDb db) throws Exception {
        createTvComment(db);
        String bWork = "UPDATE tb_comment SET body = 'edited too' WHERE pk_comment = 2";
        try (Session a = new Session(db.newConnection()); Session b = new Session(db.newConnection())) {
            a.begin(isolation);
            b.begin(isolation);
            a.exec("UPDATE tb_comment SET body = 'edited' WHERE pk_comment = 1");
            b.exec(bWork);
            a.commit();
            try {
                b.commit();
            } catch (SQLException e) {
                assertThat(isolation).as("only SSI may refuse unrelated writers").isEqualTo("SERIALIZABLE");
                assertThat(e.getSQLState()).isEqualTo("40001");
                b.rollback();
                retry(b, isolation, bWork);
            }
        }
        db.assertFresh("tv_comment");
        assertThat(db.scalar("SELECT data->>'body' FROM tv_comment WHERE pk_comment = 2")).isEqualTo("edited too");
    }

    @Test
    void aDeadlockIsReportedAndTheVictimSucceedsOnRetry(TestDb db) throws Exception {
        createTvComment(db);
        try (Session a = new Session(db.newConnection()); Session b = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            a.begin("READ COMMITTED");
            b.begin("READ COMMITTED");
            a.exec("INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('a', 2, 1)");
            b.exec("INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('b', 3, 1)");
            Future<Void> aStep = a.start("UPDATE tb_post SET title = 'a renames 3' WHERE pk_post = 3");
            assertThat(a.awaitBlockedOrDone(aStep, monitor, Duration.ofSeconds(30))).as("A waits for B").isTrue();
            SQLException failure = null;
            try {
                b.exec("UPDATE tb_post SET title = 'b renames 2' WHERE pk_post = 2");
            } catch (SQLException e) {
                failure = e;
            }
            Session winner = a;
            Session victim = b;
            String victimWork = "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('b', 3, 1);"
                    + "UPDATE tb_post SET title = 'b renames 2' WHERE pk_post = 2";
            if (failure == null) {
                // PostgreSQL chose A as the victim.
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> aStep.get(30, TimeUnit.SECONDS));
                failure = (SQLException) e.getCause();
                winner = b;
                victim = a;
                victimWork = "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('a', 2, 1);"
                        + "UPDATE tb_post SET title = 'a renames 3' WHERE pk_post = 3";
            }
            assertThat(failure.getSQLState()).isEqualTo("40P01");
            victim.rollback();
            if (winner == a) {
                aStep.get(30, TimeUnit.SECONDS);
            }
            winner.commit();
            retry(victim, "READ COMMITTED", victimWork.split(";"));
        }
        db.assertFresh("tv_comment");
    }

    private static void retry(Session s, String isolation, String... work) throws SQLException {
        s.begin(isolation);
        s.exec(work);
        s.commit();
    }
}
