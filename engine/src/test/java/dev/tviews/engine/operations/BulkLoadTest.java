package dev.tviews.engine.operations;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Suspending maintenance for a bulk load, and resuming it exactly. */
@Schema("social")
class BulkLoadTest {

    private static final String[] ALL = {"tv_user", "tv_post", "tv_post_thread", "tv_comment", "tv_published_post",
            "tv_org", "tv_post_embed"};

    private static long engineTriggers(TestDb db, String table) throws SQLException {
        return db.scalarLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = '" + table + "'::regclass "
                + "AND tgname LIKE 'tviews%'");
    }

    @Test
    void suspendingEverythingRemovesTheTriggersAndResumingRebuildsExactly(TestDb db) throws SQLException {
        db.createAll("social");
        assertThat(engineTriggers(db, "tb_post")).isPositive();
        assertThat(db.column("SELECT pg_tviews_suspend()::text")).containsExactly(ALL[0], ALL[1], ALL[2], ALL[3],
                ALL[4], ALL[5], ALL[6]).as("every TVIEW, in dependency order");
        assertThat(engineTriggers(db, "tb_post")).as("a bulk load pays no trigger cost").isZero();
        db.exec("INSERT INTO tb_post (title, fk_user) SELECT 'loaded ' || g, 1 + g % 6 FROM generate_series(1, 2000) g",
                "INSERT INTO tb_comment (body, fk_post, fk_user) SELECT 'c' || g, 1 + g % 12, 1 FROM generate_series(1, 500) g",
                "UPDATE tb_user SET name = name || ' (loaded)'", "DELETE FROM tb_org WHERE pk_org = 3");
        assertThat(db.tviews().verify("tv_post")).as("stale while suspended").isNotEmpty();
        assertThat(db.scalar("SELECT pg_tviews_queue_stats()->'tviews'->'tv_post'->>'suspended'")).isEqualTo("true");
        db.tviews().resume(null);
        db.assertFresh(ALL);
        assertThat(engineTriggers(db, "tb_post")).isPositive();
        db.exec("UPDATE tb_user SET name = 'after' WHERE pk_user = 2");
        db.assertFresh(ALL);
    }

    @Test
    void suspendingOneTviewLeavesTheOthersMaintained(TestDb db) throws SQLException {
        db.createAll("social");
        db.tviews().suspend("tv_user");
        db.exec("UPDATE tb_user SET name = 'Bulk ' || pk_user", "INSERT INTO tb_post (title, fk_user) VALUES ('p', 2)");
        db.assertFresh("tv_post", "tv_comment", "tv_org");
        assertThat(db.tviews().verify("tv_user")).isNotEmpty();
        db.tviews().resume("tv_user");
        // Resuming tv_user refreshes it fully, and tv_post_embed, which reads it, follows.
        db.assertFresh(ALL);
    }
}
