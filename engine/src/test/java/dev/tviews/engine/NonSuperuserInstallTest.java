package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime installed and used by a role that is not a superuser: no DDL guard (event triggers
 * need a superuser), so a rename goes through, and the health check still finds it from the
 * stored signatures.
 */
@Schema(value = "social", runtime = false)
class NonSuperuserInstallTest {

    @Test
    void withoutTheDdlGuardTheHealthCheckReportsASourceChangedSinceCompilation(TestDb db) throws SQLException {
        String owner = "owner_" + db.scalar("SELECT current_database()");
        db.exec("CREATE ROLE " + owner + " NOLOGIN NOSUPERUSER",
                "GRANT CREATE ON DATABASE " + db.scalar("SELECT current_database()") + " TO " + owner,
                "GRANT CREATE, USAGE ON SCHEMA public TO " + owner,
                "ALTER TABLE tb_user OWNER TO " + owner, "ALTER TABLE tb_org OWNER TO " + owner);
        try {
            db.exec("SET ROLE " + owner);
            assertThat(db.tviews().install()).isZero();
            db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
            assertThat(db.scalarLong("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'tviews%'")).isZero();
            List<String> ok = db.column("SELECT message FROM pg_tviews_health_check() WHERE component = 'schema'");
            assertThat(ok).singleElement().asString().contains("no DDL guard (installed without superuser)");

            db.exec("ALTER TABLE tb_user RENAME COLUMN email TO mail");
            assertThat(db.column("SELECT status || ' ' || message FROM pg_tviews_health_check() WHERE component = 'schema'"))
                    .singleElement().asString().startsWith("error TVIEW public.tv_user was compiled against another shape "
                            + "of its source: column email text is now mail text");
            db.tviews().recompile("tv_user");
            db.exec("UPDATE tb_user SET mail = NULL WHERE pk_user = 1");
            db.assertFresh("tv_user");
            assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
        } finally {
            db.exec("RESET ROLE", "REASSIGN OWNED BY " + owner + " TO CURRENT_USER", "DROP OWNED BY " + owner,
                    "DROP ROLE " + owner);
        }
    }
}
