package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_tviews_health_check(): each finding provoked, and one 'ok' row per component of a healthy database. */
@Schema("social")
class HealthCheckTest {

    static final List<String> COMPONENTS = List.of("settings", "triggers", "objects", "schema", "indexes", "plans",
            "consistency", "maintenance", "runtime");

    record Row(String status, String component, String message, String severity) {
    }

    static List<Row> check(TestDb db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT status, component, message, severity FROM pg_tviews_health_check()")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    /** The findings (rows not 'ok'), and asserts every other component reported 'ok'. */
    static List<Row> findings(TestDb db) throws SQLException {
        List<Row> rows = check(db);
        List<Row> problems = rows.stream().filter(r -> !r.status().equals("ok")).toList();
        List<String> okComponents = rows.stream().filter(r -> r.status().equals("ok")).map(Row::component).toList();
        assertThat(okComponents).as("ok rows besides %s", problems).containsExactlyElementsOf(COMPONENTS.stream()
                .filter(c -> problems.stream().noneMatch(p -> p.component().equals(c))).toList());
        return problems;
    }

    static void createTwo(TestDb db) throws SQLException {
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        db.create("tv_post", SecurityTest.SOCIAL.get("tv_post"));
    }

    @Test
    void aHealthyDatabaseReportsOneOkRowPerComponent(TestDb db) throws SQLException {
        createTwo(db);
        List<Row> rows = check(db);
        assertThat(rows).extracting(Row::component).containsExactlyElementsOf(COMPONENTS);
        assertThat(rows).allSatisfy(r -> assertThat(r.status() + " " + r.severity()).isEqualTo("ok INFO"));
        assertThat(rows.get(8).message()).contains("runtime version " + dev.tviews.engine.runtime.RuntimeInstaller.VERSION + ", 2 TVIEW(s), statement-mode triggers");
    }

    @Test
    void aMissingOrDisabledTriggerIsAnError(TestDb db) throws SQLException {
        createTwo(db);
        db.exec("DROP TRIGGER tviews_update ON tb_post", "ALTER TABLE tb_org DISABLE TRIGGER tviews_insert");
        assertThat(findings(db)).containsExactly(
                new Row("error", "triggers", "trigger tviews_insert on public.tb_org is disabled: its changes no longer "
                        + "reach the TVIEWs that read it; ALTER TABLE public.tb_org ENABLE TRIGGER tviews_insert, then "
                        + "pg_tviews_refresh each of them", "CRITICAL"),
                new Row("error", "triggers", "trigger tviews_update on public.tb_post is missing: its changes no longer "
                        + "reach the TVIEWs that read it; run SELECT tviews.rebuild_source('public.tb_post'), then pg_tviews_refresh "
                        + "each of them", "CRITICAL"));
        db.exec("SELECT tviews.rebuild_source('tb_post')", "ALTER TABLE tb_org ENABLE TRIGGER tviews_insert");
        assertThat(findings(db)).isEmpty();
        // A trigger function replaced by hand: the triggers are there, and do nothing.
        String function = db.scalar("SELECT 'tviews.on_' || id FROM tviews.source_table WHERE rel = 'tb_post'::regclass");
        db.exec("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
        assertThat(findings(db)).extracting(Row::message).containsExactly("trigger function " + function + " of "
                + "public.tb_post does not maintain public.tv_post (edited by hand, or not rebuilt): run SELECT "
                + "tviews.rebuild_source('public.tb_post'), then pg_tviews_refresh('public.tv_post')");
    }

    @Test
    void aSourceAlteredSinceCompilationIsReportedWithoutTheDdlGuard(TestDb db) throws SQLException {
        createTwo(db);
        // As without superuser rights: no event trigger stops the change, the stored signature reveals it.
        db.exec("SET tviews.ddl = 'allow'", "ALTER TABLE tb_post RENAME COLUMN title TO headline",
                "ALTER TABLE tb_user RENAME TO tb_person", "RESET tviews.ddl");
        List<Row> found = findings(db);
        assertThat(found).extracting(Row::component).containsOnly("schema");
        assertThat(found).extracting(Row::message).anySatisfy(m -> assertThat(m)
                .startsWith("TVIEW public.tv_post was compiled against another shape of its source: column title text "
                        + "is now headline text;").contains("Tviews.recompile('public.tv_post')"));
        assertThat(found).extracting(Row::message).anySatisfy(m -> assertThat(m)
                .contains("relation public.tb_user is now public.tb_person"));
        db.tviews().recompile("tv_user");
        db.tviews().recompile("tv_post");
        assertThat(findings(db)).isEmpty();
        // The TVIEW's own table renamed: its refresh functions name it.
        db.exec("SET tviews.ddl = 'allow'", "ALTER TABLE tv_user RENAME TO tv_person", "RESET tviews.ddl");
        assertThat(findings(db)).extracting(Row::message).containsExactly("TVIEW public.tv_person no longer matches its "
                + "generated SQL: its table was renamed or moved to public.tv_person; its refreshes fail; undo the change, "
                + "or drop the TVIEW with pg_tviews_drop and create it again");
    }

    @Test
    void sampledRowsThatDifferFromTheDefinitionAndUnsafeSettings(TestDb db) throws SQLException {
        createTwo(db);
        db.exec("SET session_replication_role = replica", "UPDATE tb_user SET name = 'unseen' WHERE pk_user = 4",
                "INSERT INTO tb_user (pk_user, name) VALUES (99, 'missing from tv_user')");
        List<Row> found = findings(db);
        // tv_post embeds the user's name, so both differ.
        assertThat(found).extracting(Row::component).containsExactly("settings", "consistency", "consistency");
        assertThat(found.get(0).message()).startsWith("session_replication_role = replica in this session: engine "
                + "triggers do not fire");
        assertThat(found.get(1).message()).startsWith("public.tv_user differs from its definition for sampled keys: 4 differs, 99 missing;");
        db.exec("SET session_replication_role = origin", "SET tviews.locking = off");
        found = findings(db);
        assertThat(found).extracting(Row::severity).containsExactly("CRITICAL", "CRITICAL", "WARNING");
        assertThat(found.get(2).message()).startsWith("tviews.locking = off in this session");
        db.exec("RESET tviews.locking", "SELECT pg_tviews_refresh('tv_user')", "SELECT pg_tviews_refresh('tv_post')");
        assertThat(findings(db)).isEmpty();
    }

    @Test
    void aLinkColumnWithoutAnIndexAndARefreshThatScansAWholeTable(TestDb db) throws SQLException {
        db.exec("CREATE TABLE tb_note (pk_note int PRIMARY KEY, fk_user int REFERENCES tb_user, body text)",
                "INSERT INTO tb_note SELECT g, 1 + g % 6, 'note ' || g FROM generate_series(1, 50) g",
                "CREATE TABLE tb_tag (pk_tag int PRIMARY KEY, fk_post int REFERENCES tb_post, label text)",
                "INSERT INTO tb_tag SELECT g, 1 + g % 12, 'tag ' || g FROM generate_series(1, 50) g");
        // Refreshing a user's row counts its notes: without an index on fk_user, a scan of tb_note.
        db.create("tv_user_notes", "SELECT u.pk_user, (SELECT count(*) FROM tb_note n WHERE n.fk_user = u.pk_user) "
                + "AS notes FROM tb_user u");
        // A post's change reaches its tags through tb_tag.fk_post: without an index, a scan per change.
        db.create("tv_tag", "SELECT t.pk_tag, t.label, p.title FROM tb_tag t JOIN tb_post p ON p.pk_post = t.fk_post");
        assertThat(findings(db)).containsExactly(
                new Row("warning", "indexes", "link column public.tb_tag.fk_post has no index: each change mapped "
                        + "through it scans public.tb_tag; CREATE INDEX ON public.tb_tag (fk_post)", "WARNING"),
                new Row("warning", "plans", "a keyed refresh of public.tv_user_notes scans all of public.tb_note: no "
                        + "index serves its joins from the key; index the columns the definition joins on there", "WARNING"));
        db.exec("CREATE INDEX ON tb_note (fk_user)", "CREATE INDEX ON tb_tag (fk_post)");
        assertThat(findings(db)).isEmpty();
    }

    @Test
    void aLostFunctionAndASuspendedTview(TestDb db) throws SQLException {
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        db.exec("DROP FUNCTION tviews.\"refresh_all_1\"()");
        assertThat(findings(db)).extracting(Row::component, Row::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("objects", "TVIEW public.tv_user (id 1) lost function tviews.refresh_all_1: "
                        + "it cannot be maintained; drop it with pg_tviews_drop and create it again"));
    }

    @Test
    void aSuspendedTviewIsAWarningNotAMissingTrigger(TestDb db) throws SQLException {
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        // Bulk-load suspension: the flag, and the triggers of sources no maintained TVIEW reads are gone.
        db.exec("ALTER TABLE tviews.tview ADD COLUMN IF NOT EXISTS suspended boolean NOT NULL DEFAULT false",
                "UPDATE tviews.tview SET suspended = true", "DROP TRIGGER tviews_insert ON tb_org");
        assertThat(findings(db)).containsExactly(new Row("warning", "maintenance", "maintenance of public.tv_user is "
                + "suspended: it is not kept fresh until resumed, which refreshes it fully", "WARNING"));
    }
}
