package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refusals outside the shapes of a definition (which DefinitionCoverageTest covers, one case per
 * row of the table in docs/engine.md): keys, names, cascades, and the full-refresh policy.
 */
@Schema("social")
class RefusalsTest {

    private static void assertRefused(ThrowingCall call, String sqlState, String... fragments) {
        assertThatThrownBy(call::run)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState))
                .hasMessageContainingAll(fragments);
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void noKeyColumn(TestDb db) {
        assertRefused(() -> db.create("tv_user", "SELECT u.id, u.name FROM tb_user u"), "0A000",
                "no key column pk_user", "[id, name]");
        // A key computed from one row's columns is maintained (docs/engine.md, keys); from two tables it is not.
        assertRefused(() -> db.create("tv_user", "SELECT u.pk_user + o.pk_org AS pk_user, u.name FROM tb_user u "
                + "JOIN tb_org o ON o.pk_org = u.fk_org"), "0A000", "key column pk_user is computed");
    }

    @Test
    void untraceableSourceWithoutPolicy(TestDb db) throws SQLException {
        String select = "SELECT u.pk_user, (SELECT count(*) FROM tb_post) AS all_posts FROM tb_user u";
        assertRefused(() -> db.create("tv_user", select), "0A000", "tb_post", "without a column equality",
                "fullRefreshOnUntraceable");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).as("nothing half-created").isNull();

        db.tviews().create(new TviewDefinition("tv_user", select, TviewOptions.defaults().withFullRefreshOnUntraceable()));
        db.exec("INSERT INTO tb_post (title, fk_user) VALUES ('one more', 1)");
        db.assertFresh("tv_user");
        assertThat(db.tviews().info("tv_user").sources()).extracting(TviewInfo.Source::kinds)
                .contains(java.util.List.of("all_keys"));
    }

    @Test
    void selfReference(TestDb db) {
        assertRefused(() -> db.create("tv_user", "SELECT t.pk_user FROM tv_user t"), "42P17", "reads itself");
    }

    @Test
    void cascadeDeeperThanTen(TestDb db) throws SQLException {
        db.create("tv_level1", "SELECT u.pk_user, u.name FROM tb_user u");
        for (int i = 2; i <= 10; i++) {
            db.create("tv_level" + i, "SELECT t.pk_user, t.name FROM tv_level" + (i - 1) + " t");
        }
        assertThat(db.tviews().info("tv_level10").depth()).isEqualTo(10);
        assertRefused(() -> db.create("tv_level11", "SELECT t.pk_user, t.name FROM tv_level10 t"), "54001",
                "11 TVIEWs deep", "limit of 10");
        db.exec("UPDATE tb_user SET name = 'deep' WHERE pk_user = 2");
        db.assertFresh("tv_level10");
    }

    @Test
    void alreadyExistsAndUnknown(TestDb db) throws SQLException {
        db.create("tv_user", "SELECT u.pk_user, u.name FROM tb_user u");
        assertRefused(() -> db.create("tv_user", "SELECT u.pk_user FROM tb_user u"), "42P07", "already exists");
        assertRefused(() -> db.create("tb_post", "SELECT p.pk_post FROM tb_post p"), "42P07", "already exists");
        assertRefused(() -> db.tviews().drop("tv_nothing"), "42704", "tv_nothing");
        assertRefused(() -> db.tviews().refresh("tb_user"), "42704", "tb_user");
        assertRefused(() -> db.exec("SELECT pg_tviews_refresh('tv_nothing')"), "42704", "does not exist");
    }

}
