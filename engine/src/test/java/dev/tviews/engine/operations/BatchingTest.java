package dev.tviews.engine.operations;

import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transaction batching: statements only queue keys, one deduplicated refresh runs just before
 * commit. Inside the transaction batched TVIEWs are stale (documented); after it, exact.
 */
@Schema("social")
class BatchingTest {

    private static final String[] ALL = {"tv_user", "tv_post", "tv_post_thread", "tv_comment", "tv_published_post",
            "tv_org", "tv_post_embed"};

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void statementsQueueAndTheCommitRefreshesOnce(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("social");
        db.exec("SELECT pg_tviews_reset_stats()");
        String before = db.scalar("SELECT data::text FROM tv_user WHERE pk_user = 2");
        db.begin();
        db.exec("SET LOCAL tviews.batch = on");
        for (int i = 0; i < 10; i++) {
            db.exec("UPDATE tb_user SET name = 'Bob " + i + "' WHERE pk_user = 2");
        }
        db.exec("UPDATE tb_user SET name = 'Cid again' WHERE pk_user = 3",
                "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('late', 1, 2)");
        assertThat(db.scalar("SELECT data::text FROM tv_user WHERE pk_user = 2"))
                .as("no read-your-writes for a batched TVIEW").isEqualTo(before);
        assertThat(db.stats("tv_user").queuedKeys()).as("users 2 and 3, and 4 whose manager is 3").isEqualTo(3);
        assertThat(db.stats("tv_user").refreshes()).isZero();
        assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->>'queue_size')::int"))
                .as("distinct keys queued over every TVIEW").isGreaterThanOrEqualTo(3 + 1);
        db.commit();
        db.assertFresh(ALL);
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 2")).isEqualTo("Bob 9");
        assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->'tviews'->'tv_user'->>'refreshes')::int"))
                .as("one refresh for the eleven statements").isEqualTo(1);
        assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->'tviews'->'tv_user'->>'keys_refreshed')::int"))
                .isEqualTo(3);
        assertThat(db.scalarLong("SELECT count(*) FROM tviews.flush_request")).as("the flush cleans up").isZero();
    }

    @Test
    void cascadesToDeeperTviewsAreRefreshedInDependencyOrder(TestDb db) throws SQLException {
        db.createAll("social");
        db.begin();
        db.exec("SET LOCAL tviews.batch = on",
                "UPDATE tb_user SET name = 'Renamed' WHERE pk_user = 1",
                "UPDATE tb_org SET name = 'Acme 2' WHERE pk_org = 1",
                "DELETE FROM tb_post WHERE pk_post = 3",
                "INSERT INTO tb_post (title, fk_user) VALUES ('new', 1)");
        db.commit();
        db.assertFresh(ALL);
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post_embed WHERE fk_user = 1 LIMIT 1"))
                .isEqualTo("Renamed");
    }

    @Test
    void aTviewBatchesByDefaultAndATransactionCanOverrideIt(TestDb db) throws SQLException {
        db.createAll("social");
        db.tviews().setBatching("tv_user", true);
        db.begin();
        db.exec("UPDATE tb_user SET name = 'Batched' WHERE pk_user = 4");
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 4")).isEqualTo("Dee");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE fk_user = 4 LIMIT 1"))
                .as("tv_post does not batch: read-your-writes").isEqualTo("Batched");
        db.exec("SET LOCAL tviews.batch = off", "UPDATE tb_user SET name = 'Immediate' WHERE pk_user = 5");
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 5")).isEqualTo("Immediate");
        db.commit();
        db.assertFresh(ALL);
        db.tviews().setBatching("tv_user", false);
        db.begin();
        db.exec("UPDATE tb_user SET name = 'Again' WHERE pk_user = 4");
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 4")).isEqualTo("Again");
        db.commit();
    }

    @Test
    void rolledBackSavepointsTakeTheirQueuedKeysWithThem(TestDb db) throws SQLException {
        db.createAll("social");
        db.begin();
        db.exec("SET LOCAL tviews.batch = on",
                "UPDATE tb_user SET name = 'Kept' WHERE pk_user = 2",
                "SAVEPOINT s",
                "UPDATE tb_user SET name = 'Gone' WHERE pk_user = 3",
                "DELETE FROM tb_post WHERE fk_user = 3",
                "ROLLBACK TO SAVEPOINT s");
        assertThat(db.stats("tv_user").queuedKeys()).isEqualTo(1);
        db.commit();
        db.assertFresh(ALL);
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 3")).isEqualTo("Cid");

        db.begin();
        db.exec("SET LOCAL tviews.batch = on", "UPDATE tb_user SET name = 'Never' WHERE pk_user = 2");
        db.rollback();
        db.assertFresh(ALL);
        assertThat(db.scalarLong("SELECT count(*) FROM tviews.flush_request")).isZero();
    }

    @Test
    void setConstraintsImmediateFlushesAndLaterStatementsQueueAgain(TestDb db) throws SQLException {
        db.createAll("social");
        db.begin();
        db.exec("SET LOCAL tviews.batch = on", "UPDATE tb_user SET name = 'First' WHERE pk_user = 2",
                "SET CONSTRAINTS ALL IMMEDIATE");
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 2")).isEqualTo("First");
        db.exec("SET CONSTRAINTS ALL DEFERRED", "UPDATE tb_user SET name = 'Second' WHERE pk_user = 2");
        assertThat(db.stats("tv_user").queuedKeys()).isEqualTo(1);
        db.commit();
        db.assertFresh(ALL);
        assertThat(db.scalar("SELECT data->>'name' FROM tv_user WHERE pk_user = 2")).isEqualTo("Second");
    }

    @Test
    void aRefreshFailingAtCommitFailsTheCommitAndLeavesNothingBehind(TestDb db) throws SQLException {
        db.createAll("social");
        db.begin();
        // Two posts swapping identifiers are fine; two posts with the same id are not: the refresh's
        // unique index on id fails at commit, and the whole transaction with it.
        db.exec("SET LOCAL tviews.batch = on", "ALTER TABLE tb_post DROP CONSTRAINT tb_post_id_key",
                "UPDATE tb_post SET id = (SELECT id FROM tb_post WHERE pk_post = 1) WHERE pk_post = 2");
        assertThatThrownBy(db::commit).hasMessageContaining("duplicate key");
        db.rollback();
        db.assertFresh(ALL);
        assertThat(db.scalarLong("SELECT count(*) FROM tb_post WHERE id = (SELECT id FROM tb_post WHERE pk_post = 1)"))
                .isEqualTo(1);
    }
}
