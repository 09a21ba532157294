package dev.tviews.engine;

import dev.tviews.database.freshness.StaleRow;
import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.Session;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic two-session interleavings at READ COMMITTED: session A writes and stays open,
 * session B writes something linked (and may block), A commits, then B commits. With the
 * concurrency protocol every TVIEW is exact afterwards; with the protocol switched off
 * ({@code tviews.locking = off}) the same interleaving leaves a stale row, which shows that
 * the protocol is what makes the difference.
 */
@Schema("social")
class ConcurrencyTest {

    /** Tables without foreign keys, where a child may point to a parent that does not exist yet. */
    static final String[] TEAMS = {
            "CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE tb_member (pk_member int PRIMARY KEY, name text NOT NULL, fk_team int)",
            "CREATE INDEX ON tb_member (fk_team)",
            "INSERT INTO tb_team VALUES (1, 'One')",
            "INSERT INTO tb_member VALUES (1, 'Mia', 7), (2, 'Max', 1)"};
    static final String TV_MEMBER = "SELECT m.pk_member, jsonb_build_object('name', m.name, 'team', t.name) AS data "
            + "FROM tb_member m LEFT JOIN tb_team t ON t.pk_team = m.fk_team";
    static final String TV_TEAM = "SELECT t.pk_team, count(m.pk_member) AS members, "
            + "jsonb_build_object('name', t.name) AS data "
            + "FROM tb_team t LEFT JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team, t.name";

    /**
     * What an interleaving did: whether B was blocked by A (seen in {@code pg_blocking_pids}, not
     * guessed from timing) and the rows left stale, judged by the shared oracle.
     */
    record Outcome(boolean blocked, List<StaleRow> stale) {
    }

    /** Runs A's statements, then B's (blocking or not), commits A, then B; returns what happened. */
    static Outcome race(TestDb db, boolean protocol, String[] a, String[] b, String... tviews) throws Exception {
        return race(db, protocol ? "" : "SET tviews.locking = off", a, b, tviews);
    }

    /** {@link #race} with {@code setup} run first in both sessions (when not empty). */
    static Outcome race(TestDb db, String setup, String[] a, String[] b, String... tviews) throws Exception {
        boolean blocked;
        try (Session sa = new Session(db.newConnection()); Session sb = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            if (!setup.isEmpty()) {
                sa.exec(setup);
                sb.exec(setup);
            }
            sa.begin("READ COMMITTED");
            sa.exec(a);
            sb.begin("READ COMMITTED");
            Future<Void> stepB = sb.start(b);
            blocked = sb.awaitBlockedOrDone(stepB, monitor, Duration.ofSeconds(30));
            sa.commit();
            stepB.get(30, TimeUnit.SECONDS);
            sb.commit();
        }
        List<StaleRow> diffs = new ArrayList<>();
        for (String tv : tviews) {
            diffs.addAll(db.stale(tv));
        }
        return new Outcome(blocked, diffs);
    }

    /**
     * With the protocol B waits for A (it must see A's committed rows) and every row is exact;
     * without it B does not wait, or waits only on a row lock of A's (then re-writes from its old
     * snapshot), and this interleaving leaves a stale row.
     */
    static void assertOutcome(boolean protocol, Outcome outcome) {
        assertOutcome(protocol, outcome, false);
    }

    static void assertOutcome(boolean protocol, Outcome outcome, boolean rowLockWithoutProtocol) {
        if (protocol) {
            assertThat(outcome.blocked()).as("with the protocol B waits for A").isTrue();
            assertThat(outcome.stale()).as("with the protocol every row is exact").isEmpty();
        } else {
            assertThat(outcome.blocked()).as("without the protocol B waits for A only on a row lock of A's")
                    .isEqualTo(rowLockWithoutProtocol);
            assertThat(outcome.stale()).as("without the protocol this interleaving leaves a stale row").isNotEmpty();
        }
    }

    private static void createSocial(TestDb db, String... names) throws SQLException {
        var defs = Definitions.load("social");
        for (String n : names) {
            db.create(n, defs.get(n));
        }
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void newChildWhileItsParentIsRenamed(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_comment");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new', 2, 1)"},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2"}, "tv_comment"));
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void childRepointedWhileItsOldParentIsRenamed(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_comment");
        long child = db.scalarLong("SELECT min(pk_comment) FROM tb_comment WHERE fk_post = 2");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"UPDATE tb_comment SET fk_post = 3 WHERE pk_comment = " + child},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2"}, "tv_comment"), true);
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void childRepointedWhileItsNewParentIsRenamed(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_comment");
        long child = db.scalarLong("SELECT min(pk_comment) FROM tb_comment WHERE fk_post = 2");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"UPDATE tb_comment SET fk_post = 3 WHERE pk_comment = " + child},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 3"}, "tv_comment"));
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void newCommentWhileThePostsAuthorIsRenamed(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_comment");
        long author = db.scalarLong("SELECT fk_user FROM tb_post WHERE pk_post = 4");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('three hops', 4, 2)"},
                new String[] {"UPDATE tb_user SET name = 'renamed' WHERE pk_user = " + author}, "tv_comment"));
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void newParentWhileAChildPointsToIt(boolean protocol, TestDb db) throws Exception {
        db.exec(TEAMS);
        db.create("tv_member", TV_MEMBER);
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_team VALUES (7, 'Seven')"},
                new String[] {"UPDATE tb_member SET name = 'Mia B.' WHERE pk_member = 1"}, "tv_member"), true);
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void aGroupAppearsWhileAnotherTransactionWritesToIt(boolean protocol, TestDb db) throws Exception {
        db.exec(TEAMS);
        db.create("tv_team", TV_TEAM);
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_team VALUES (8, 'Eight')"},
                new String[] {"INSERT INTO tb_member VALUES (3, 'Ola', 8)"}, "tv_team"));
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void theSameKeyRefreshedByBoth(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_post_thread");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('from A', 5, 1)"},
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('from B', 5, 2)"},
                "tv_post_thread"), true);
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void aFullRefreshConcurrentWithAWrite(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_user");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"UPDATE tb_user SET name = 'renamed' WHERE pk_user = 2"},
                new String[] {"SELECT pg_tviews_refresh('tv_user')"}, "tv_user"), true);
    }

    @ParameterizedTest(name = "protocol on: {0}")
    @ValueSource(booleans = {true, false})
    void aCascadeThroughATviewThatReadsAnotherTview(boolean protocol, TestDb db) throws Exception {
        createSocial(db, "tv_user", "tv_post_embed");
        assertOutcome(protocol, race(db, protocol,
                new String[] {"INSERT INTO tb_post (title, fk_user) VALUES ('by 3', 3)"},
                new String[] {"UPDATE tb_user SET name = 'renamed' WHERE pk_user = 3"}, "tv_user", "tv_post_embed"));
    }
}
