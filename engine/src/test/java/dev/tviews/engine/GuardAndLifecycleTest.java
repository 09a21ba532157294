package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tv_* guard, the SQL API from psql, dropping, the trigger-mode switch, and verify catching staleness. */
@Schema("social")
class GuardAndLifecycleTest {

    static final String TV_USER = "SELECT u.pk_user, u.id, u.fk_org, jsonb_build_object('name', u.name) AS data "
            + "FROM tb_user u";

    @Test
    void directWritesToATviewAreRefusedEvenForASuperuser(TestDb db) throws SQLException {
        db.create("tv_user", TV_USER);
        assertThat(db.scalar("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("true");
        for (String write : new String[] {
                "UPDATE tv_user SET data = '{}' WHERE pk_user = 1",
                "DELETE FROM tv_user",
                "INSERT INTO tv_user (pk_user, id, data) VALUES (99, gen_random_uuid(), '{}')",
                "TRUNCATE tv_user"}) {
            assertThatThrownBy(() -> db.exec(write)).as(write).isInstanceOf(SQLException.class)
                    .hasMessageContaining("is a TVIEW maintained by tviews")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"));
        }
        db.assertFresh("tv_user");
    }

    @Test
    void verifyCatchesAStaleRowAndRefreshRepairsIt(TestDb db) throws SQLException {
        db.create("tv_user", TV_USER);
        // Replica role skips triggers, so this write bypasses both the guard and the engine.
        db.exec("SET session_replication_role = replica",
                "UPDATE tb_user SET name = 'stale' WHERE pk_user = 2",
                "DELETE FROM tb_user WHERE pk_user = 6",
                "INSERT INTO tb_user (pk_user, name) VALUES (77, 'unseen')",
                "SET session_replication_role = origin");
        assertThat(db.tviews().verify("tv_user")).containsExactly(
                new Difference("2", "differs"), new Difference("6", "extra"), new Difference("77", "missing"));
        // The engine's verify agrees with the shared oracle: key 2 both missing and extra, 6 extra, 77 missing.
        assertThat(db.stale("tv_user")).extracting(s -> s.key() + (s.missing() ? " missing" : " extra"))
                .containsExactlyInAnyOrder("2 missing", "2 extra", "6 extra", "77 missing");
        db.exec("SELECT pg_tviews_refresh('tv_user')");
        db.assertFresh("tv_user");
    }

    @Test
    void triggerModeSwitchesFromSql(TestDb db) throws SQLException {
        db.create("tv_user", TV_USER);
        assertThat(triggers(db)).isEqualTo("tviews_delete,tviews_insert,tviews_truncate,tviews_update");
        assertThat(db.scalar("SELECT pg_tviews_install_row_triggers()")).isEqualTo("row");
        assertThat(db.tviews().triggerMode()).isEqualTo(TriggerMode.ROW);
        assertThat(triggers(db)).isEqualTo("tviews_row,tviews_row_statement,tviews_truncate");
        db.exec("UPDATE tb_user SET name = 'row mode' WHERE pk_user = 3");
        db.assertFresh("tv_user");
        assertThat(db.scalar("SELECT pg_tviews_install_stmt_triggers()")).isEqualTo("statement");
        assertThat(triggers(db)).isEqualTo("tviews_delete,tviews_insert,tviews_truncate,tviews_update");
    }

    @Test
    void dropRemovesEverythingTheEngineMade(TestDb db) throws SQLException {
        long functionsBefore = db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace");
        long viewsBefore = db.scalarLong("SELECT count(*) FROM pg_views WHERE schemaname = 'tviews'");
        db.create("tv_user", TV_USER);
        db.create("tv_user_doc", "SELECT t.pk_user, t.data FROM tv_user t");
        assertThatThrownBy(() -> db.tviews().drop("tv_user")).hasMessageContaining("tv_user_doc reads it");
        db.exec("SELECT pg_tviews_drop('tv_user_doc')");
        db.tviews().drop("tv_user");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
        assertThat(triggers(db)).isEmpty();
        assertThat(db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace"))
                .isEqualTo(functionsBefore);
        assertThat(db.scalarLong("SELECT count(*) FROM pg_views WHERE schemaname = 'tviews'")).isEqualTo(viewsBefore);
        assertThat(db.scalarLong("SELECT count(*) FROM tviews.tview")).isZero();
        assertThat(db.scalarLong("SELECT count(*) FROM tviews.source_table")).isZero();
        db.exec("UPDATE tb_user SET name = 'after drop' WHERE pk_user = 1"); // no trigger left to fail
    }

    @Test
    void installIsIdempotentAndListReportsMappings(TestDb db) throws SQLException {
        assertThat(db.tviews().install()).as("already installed at this version")
                .isEqualTo(dev.tviews.engine.runtime.RuntimeInstaller.VERSION);
        db.create("tv_user", TV_USER);
        db.create("tv_post", "SELECT p.pk_post, u.name FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user");
        assertThat(db.tviews().list()).extracting(TviewInfo::table).containsExactly("tv_user", "tv_post");
        assertThat(db.tviews().info("tv_post").sources()).containsExactly(
                new TviewInfo.Source("tb_post", java.util.List.of("local")),
                new TviewInfo.Source("tb_user", java.util.List.of("mapped")));
    }

    private static String triggers(TestDb db) throws SQLException {
        String t = db.scalar("SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger "
                + "WHERE tgrelid = 'tb_user'::regclass AND tgname LIKE 'tviews%'");
        return t == null ? "" : t;
    }
}
