package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plain views as sources, after the TVIEW is made: redefining a view it reads is refused (its
 * triggers follow the old body), as is a schema change of a source table; under
 * SET LOCAL tviews.ddl = 'allow' and a recompile the TVIEW follows the new body.
 */
@Schema("social")
class ViewSourceTest {

    private static final String DEF = "SELECT v.pk_user, v.name FROM v_named v";

    private static void assertRefused(TestDb db, String sql, String sqlState, String... fragments) {
        assertThatThrownBy(() -> db.exec(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState))
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void redefiningAViewATviewReadsIsRefusedUntilRecompiled(TestDb db) throws SQLException {
        db.exec("CREATE VIEW v_base AS SELECT pk_user, name, fk_org FROM tb_user",
                "CREATE VIEW v_named AS SELECT b.pk_user, b.name || '@' || o.name AS name FROM v_base b "
                        + "JOIN tb_org o ON o.pk_org = b.fk_org");
        db.create("tv_user", DEF);
        db.exec("UPDATE tb_org SET name = 'Renamed' WHERE pk_org = 1", "UPDATE tb_user SET fk_org = 2 WHERE pk_user = 1");
        db.assertSameRows("tv_user", DEF);

        String redefine = "CREATE OR REPLACE VIEW v_named AS SELECT b.pk_user, upper(b.name) AS name FROM v_base b";
        assertRefused(db, redefine, "55000", "TVIEW public.tv_user stale", "the view public.v_named",
                "SET LOCAL tviews.ddl = 'allow'", "Tviews.recompile('public.tv_user')");
        // A view read through another view is guarded too.
        assertRefused(db, "CREATE OR REPLACE VIEW v_base AS SELECT pk_user, name || '!' AS name, fk_org FROM tb_user",
                "55000", "the view public.v_base");
        assertRefused(db, "ALTER VIEW v_named SET (security_barrier = true)", "55000", "the view public.v_named");
        // PostgreSQL's own refusal: the backing view depends on the view.
        assertRefused(db, "DROP VIEW v_named", "2BP01", "tviews.def_");
        // A rename changes no body: allowed, and the TVIEW stays maintained.
        db.exec("ALTER VIEW v_named RENAME TO v_labelled", "UPDATE tb_user SET name = 'Ann' WHERE pk_user = 2");
        db.assertSameRows("tv_user", "SELECT v.pk_user, v.name FROM v_labelled v");

        db.begin();
        db.exec("SET LOCAL tviews.ddl = 'allow'",
                "CREATE OR REPLACE VIEW v_labelled AS SELECT b.pk_user, upper(b.name) AS name FROM v_base b");
        // Allowed, the redefinition is still reported until the recompile (no guard is needed for that).
        String schemaFindings = "SELECT message FROM pg_tviews_health_check() WHERE component = 'schema' AND status <> 'ok'";
        assertThat(db.column(schemaFindings)).singleElement().asString().contains("TVIEW public.tv_user reads the view "
                + "public.v_labelled, redefined", "Tviews.recompile('public.tv_user')");
        db.tviews().recompile("tv_user");
        assertThat(db.column(schemaFindings)).isEmpty();
        db.commit();
        String now = "SELECT v.pk_user, v.name FROM v_labelled v";
        db.assertSameRows("tv_user", now);
        // The new body reads no tb_org: its triggers are gone; tb_user's follow the new body.
        db.exec("UPDATE tb_user SET name = 'bob', fk_org = 3 WHERE pk_user = 3", "UPDATE tb_org SET name = 'X'");
        db.assertSameRows("tv_user", now);
        assertThat(db.tviews().info("tv_user").sources()).extracting(TviewInfo.Source::relation)
                .containsExactly("tb_user");
        // The recompile recorded the new body: the next redefinition is refused again.
        assertRefused(db, "CREATE OR REPLACE VIEW v_labelled AS SELECT b.pk_user, b.name FROM v_base b", "55000",
                "the view public.v_labelled");
    }

    @Test
    void aRecompileChecksTheNewBodyOfARedefinedView(TestDb db) throws SQLException {
        db.exec("CREATE VIEW v_named AS SELECT pk_user, name FROM tb_user");
        db.create("tv_user", DEF);
        db.begin();
        db.exec("SET LOCAL tviews.ddl = 'allow'",
                "CREATE OR REPLACE VIEW v_named AS SELECT pk_user, name || to_char(now(), 'HH24') AS name FROM tb_user");
        // The new body reads the clock: a recompile refuses it as a create would, naming the view.
        assertThatThrownBy(() -> db.tviews().recompile("tv_user")).isInstanceOf(TviewsException.class)
                .hasMessageContaining("now()").hasMessageContaining("in the view public.v_named");
        db.rollback();
        db.exec("UPDATE tb_user SET name = 'Ann' WHERE pk_user = 2");
        db.assertSameRows("tv_user", DEF);
    }
}
