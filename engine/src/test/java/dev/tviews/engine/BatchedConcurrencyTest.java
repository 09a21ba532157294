package dev.tviews.engine;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import static dev.tviews.engine.ConcurrencyTest.race;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interleavings of {@link ConcurrencyTest} with both sessions batching: the keys are
 * refreshed at commit, later than without batching, and the concurrency protocol must still
 * leave every row exact.
 */
@Schema("social")
class BatchedConcurrencyTest {

    private static final String BATCH = "SET tviews.batch = on";

    private static void create(TestDb db, String... names) throws Exception {
        var defs = Definitions.load("social");
        for (String n : names) {
            db.create(n, defs.get(n));
        }
    }

    @Test
    void newChildWhileItsParentIsRenamed(TestDb db) throws Exception {
        create(db, "tv_comment");
        assertThat(race(db, BATCH, new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new', 2, 1)"},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2"}, "tv_comment").stale()).isEmpty();
    }

    @Test
    void withoutTheProtocolTheSameInterleavingIsStale(TestDb db) throws Exception {
        create(db, "tv_comment");
        assertThat(race(db, BATCH + "; SET tviews.locking = off",
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new', 2, 1)"},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2"}, "tv_comment").stale()).isNotEmpty();
    }

    @Test
    void childRepointedWhileItsOldParentIsRenamed(TestDb db) throws Exception {
        create(db, "tv_comment");
        long child = db.scalarLong("SELECT min(pk_comment) FROM tb_comment WHERE fk_post = 2");
        assertThat(race(db, BATCH, new String[] {"UPDATE tb_comment SET fk_post = 3 WHERE pk_comment = " + child},
                new String[] {"UPDATE tb_post SET title = 'renamed' WHERE pk_post = 2"}, "tv_comment").stale()).isEmpty();
    }

    @Test
    void theSameKeyRefreshedByBoth(TestDb db) throws Exception {
        create(db, "tv_post_thread");
        assertThat(race(db, BATCH, new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('from A', 5, 1)"},
                new String[] {"INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('from B', 5, 2)"},
                "tv_post_thread").stale()).isEmpty();
    }

    @Test
    void aCascadeThroughATviewThatReadsAnotherTview(TestDb db) throws Exception {
        create(db, "tv_user", "tv_post_embed");
        assertThat(race(db, BATCH, new String[] {"INSERT INTO tb_post (title, fk_user) VALUES ('by 3', 3)"},
                new String[] {"UPDATE tb_user SET name = 'renamed' WHERE pk_user = 3"}, "tv_user", "tv_post_embed").stale())
                .isEmpty();
    }

    @Test
    void aGroupAppearsWhileAnotherTransactionWritesToIt(TestDb db) throws Exception {
        db.exec(ConcurrencyTest.TEAMS);
        db.create("tv_team", ConcurrencyTest.TV_TEAM);
        assertThat(race(db, BATCH, new String[] {"INSERT INTO tb_team VALUES (8, 'Eight')"},
                new String[] {"INSERT INTO tb_member VALUES (3, 'Ola', 8)"}, "tv_team").stale()).isEmpty();
    }
}
