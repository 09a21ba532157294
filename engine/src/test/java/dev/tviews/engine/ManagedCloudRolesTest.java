package dev.tviews.engine;

import dev.tviews.engine.runtime.RuntimeInstaller;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles as managed clouds hand them out: an owner that owns its schema and tables but is no
 * superuser (so it cannot create event triggers), and a read-only application role. The owner
 * installs an old runtime, upgrades it, maintains and monitors its TVIEWs; the reader reads the
 * tv_* tables and nothing else.
 */
@Schema(value = "social", runtime = false)
class ManagedCloudRolesTest {

    @Test
    void anOwnerWithoutSuperuserUpgradesMaintainsAndMonitorsAndAReaderOnlyReads(TestDb db) throws Exception {
        String database = db.scalar("SELECT current_database()");
        String owner = "cloud_owner_" + database;
        String reader = "cloud_reader_" + database;
        db.exec("CREATE ROLE " + owner + " NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB",
                "CREATE ROLE " + reader + " NOLOGIN NOSUPERUSER",
                "GRANT CREATE ON DATABASE " + database + " TO " + owner,
                "ALTER SCHEMA public OWNER TO " + owner,
                "DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.oid::regclass AS t FROM pg_class c "
                        + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') LOOP "
                        + "EXECUTE format('ALTER TABLE %s OWNER TO " + owner + "', r.t); END LOOP; END $$");
        try {
            db.exec("SET ROLE " + owner);
            assertThat(db.scalar("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");

            // Upgrade: a version 1 runtime with three TVIEWs, installed by the owner, then this one over it.
            try (InputStream in = ManagedCloudRolesTest.class.getResourceAsStream("/upgrade/social-v1.sql")) {
                db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(db.tviews().install()).isEqualTo(1);
            assertThat(db.scalarLong("SELECT max(version) FROM tviews.runtime_version")).isEqualTo(RuntimeInstaller.VERSION);
            assertThat(db.scalarLong("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'tviews%'")).isZero();
            assertThat(db.column("SELECT message FROM pg_tviews_health_check() WHERE component = 'schema'"))
                    .singleElement().asString().contains("no DDL guard (installed without superuser)");

            // Maintain: batching, suspension for a bulk load, a full refresh, statistics.
            db.exec("SELECT pg_tviews_set_batching('tv_post', true)");
            db.begin();
            db.exec("UPDATE tb_post SET title = 'batched by the owner' WHERE pk_post = 1",
                    "UPDATE tb_user SET name = 'renamed by the owner' WHERE pk_user = 2");
            db.commit();
            db.exec("SELECT pg_tviews_set_batching('tv_post', false)");
            db.assertFresh(UpgradeTest.NAMES.toArray(String[]::new));
            db.exec("SELECT pg_tviews_suspend('tv_user')",
                    "UPDATE tb_user SET name = 'loaded while suspended' WHERE pk_user = 3",
                    "SELECT pg_tviews_resume('tv_user')",
                    "SELECT pg_tviews_refresh('tv_post_thread')",
                    "SELECT pg_tviews_reset_stats()");
            db.assertFresh(UpgradeTest.NAMES.toArray(String[]::new));

            // Monitor.
            assertThat(db.scalarLong("SELECT count(*) FROM pg_tviews_queue_stats()")).isPositive();
            assertThat(db.scalarLong("SELECT count(*) FROM pg_tviews_debug_queue()")).isEqualTo(3);
            assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");

            // The application's read-only role: the owner grants it the tv_* tables only.
            db.exec("GRANT USAGE ON SCHEMA public TO " + reader,
                    "GRANT SELECT ON tv_user, tv_post, tv_post_thread TO " + reader,
                    "RESET ROLE", "SET ROLE " + reader);
            assertThat(db.scalarLong("SELECT count(*) FROM tv_post")).isPositive();
            assertThat(db.scalar("SELECT data ->> 'name' FROM tv_user WHERE pk_user = 3")).isEqualTo("loaded while suspended");
            for (String refused : new String[]{"SELECT count(*) FROM tb_post", "SELECT count(*) FROM tviews.tview",
                    "UPDATE tv_post SET data = '{}' WHERE pk_post = 1", "UPDATE tb_post SET title = 'x' WHERE pk_post = 1",
                    "SELECT pg_tviews_refresh('tv_post')", "SELECT pg_tviews_suspend('tv_post')"}) {
                assertThatThrownBy(() -> db.exec(refused)).as(refused).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        } finally {
            db.exec("RESET ROLE", "REASSIGN OWNED BY " + owner + " TO CURRENT_USER", "DROP OWNED BY " + owner,
                    "DROP OWNED BY " + reader, "DROP ROLE " + owner, "DROP ROLE " + reader);
        }
    }
}
