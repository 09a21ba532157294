package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema changes (docs/operations.md, "Schema changes"): refused with a clear message, or made
 * under SET LOCAL tviews.ddl = 'allow' and followed by a recompile; dropping a TVIEW leaves
 * nothing behind; a user's index on a tv_* table survives refresh and recompile.
 */
@Schema("social")
class SchemaChangeTest {

    private static void assertRefused(TestDb db, String sql, String sqlState, String... fragments) {
        assertThatThrownBy(() -> db.exec(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState))
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void changesThatWouldLeaveATviewStaleAreRefusedWithTheReason(TestDb db) throws SQLException {
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        db.create("tv_post", SecurityTest.SOCIAL.get("tv_post"));
        assertRefused(db, "ALTER TABLE tb_post RENAME COLUMN title TO headline", "55000",
                "this change would leave TVIEW public.tv_post stale: column title text is now headline text",
                "SET LOCAL tviews.ddl = 'allow'", "Tviews.recompile('public.tv_post')");
        assertRefused(db, "ALTER TABLE tb_org RENAME TO tb_company", "55000",
                "TVIEW public.tv_user stale: relation public.tb_org is now public.tb_company");
        // A primary key column that no definition reads is still named by the generated triggers.
        assertRefused(db, "ALTER TABLE tb_org RENAME COLUMN pk_org TO org_pk", "55000", "column pk_org integer is now org_pk");
        assertRefused(db, "DROP TABLE tb_org CASCADE", "2BP01", "TVIEW public.tv_user depends on it", "pg_tviews_drop('public.tv_user')");
        assertRefused(db, "DROP TABLE tv_post", "2BP01", "cannot drop table public.tv_post: TVIEW public.tv_post depends on it");
        assertRefused(db, "DROP VIEW tviews.def_1", "2BP01", "TVIEW public.tv_user depends on it");
        assertRefused(db, "ALTER TABLE tb_post DROP COLUMN title CASCADE", "2BP01", "TVIEW public.tv_post depends on it");
        // The TVIEW's own table: its refresh functions name it and its columns.
        assertRefused(db, "ALTER TABLE tv_post RENAME TO tv_article", "55000",
                "this change would break TVIEW public.tv_article: its table was renamed or moved to public.tv_article");
        assertRefused(db, "ALTER TABLE tv_post RENAME COLUMN data TO doc", "55000",
                "the columns of public.tv_post are (pk_post integer, id uuid, identifier text, fk_user integer, "
                        + "user_id uuid, doc jsonb), its definition's (pk_post integer, id uuid, identifier text, "
                        + "fk_user integer, user_id uuid, data jsonb)");
        assertRefused(db, "ALTER TABLE tv_post ADD COLUMN note text", "55000", "the columns of public.tv_post");
        // PostgreSQL's own refusal: the backing view reads the column.
        assertRefused(db, "ALTER TABLE tb_post ALTER COLUMN title TYPE varchar(10)", "0A000", "tviews.def_2");

        // Harmless changes go through: a new column, a column nobody reads renamed, a new index.
        db.exec("ALTER TABLE tb_post ADD COLUMN rating int", "ALTER TABLE tb_post RENAME COLUMN published TO is_published",
                "CREATE INDEX ON tb_post (rating)", "ALTER TABLE tb_user RENAME COLUMN bio TO about",
                "CREATE INDEX ON tv_post ((data ->> 'title'))", "ALTER TABLE tv_post SET (fillfactor = 90)");
        db.exec("UPDATE tb_post SET title = 'after', rating = 3 WHERE pk_post = 2",
                "UPDATE tb_user SET name = 'Zed' WHERE pk_user = 2", "UPDATE tb_org SET name = 'Org' WHERE pk_org = 1");
        db.assertFresh("tv_user", "tv_post");
    }

    @Test
    void aRenameFollowedByARecompileKeepsTheTableItsRowsAndItsIndexes(TestDb db) throws SQLException {
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        db.create("tv_post", SecurityTest.SOCIAL.get("tv_post"));
        db.exec("CREATE INDEX tv_post_title ON tv_post ((data ->> 'title'))");
        long tableOid = db.scalarLong("SELECT 'tv_post'::regclass::oid");
        db.tviews().refresh("tv_post");

        db.begin();
        db.exec("SET LOCAL tviews.ddl = 'allow'", "ALTER TABLE tb_post RENAME COLUMN title TO headline",
                "ALTER TABLE tb_user RENAME TO tb_person");
        db.tviews().recompile("tv_user");
        db.tviews().recompile("tv_post");
        db.commit();

        assertThat(db.scalarLong("SELECT 'tv_post'::regclass::oid")).isEqualTo(tableOid);
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'tv_post'")).contains("tv_post_title");
        assertThat(db.tviews().info("tv_post").sources()).extracting(TviewInfo.Source::relation)
                .containsExactly("tb_person", "tb_post");
        for (TriggerMode mode : TriggerMode.values()) {
            db.tviews().setTriggerMode(mode);
            db.exec("UPDATE tb_post SET headline = 'renamed " + mode + "' WHERE pk_post = 3",
                    "UPDATE tb_person SET name = 'Ann " + mode + "' WHERE pk_user = 1",
                    "INSERT INTO tb_post (headline, fk_user) VALUES ('new " + mode + "', 2)");
            db.assertFresh("tv_user", "tv_post");
        }
        assertThat(db.scalar("SELECT data ->> 'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("renamed ROW");
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
    }

    /** Every object PostgreSQL knows of outside the system schemas, and the engine's catalog rows. */
    private static List<String> objects(TestDb db) throws SQLException {
        return db.column("""
                SELECT 'class ' || c.oid::regclass || ' ' || c.relkind::text FROM pg_class c
                WHERE c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'pg_toast'::regnamespace)
                UNION ALL SELECT 'proc ' || p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
                UNION ALL SELECT 'trigger ' || t.tgrelid::regclass || ' ' || t.tgname || ' ' || t.tgenabled::text FROM pg_trigger t
                UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t
                WHERE t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'pg_toast'::regnamespace)
                UNION ALL SELECT 'depend ' || pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> '
                                 || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) FROM pg_depend d
                WHERE d.objid >= 16384
                UNION ALL SELECT 'tviews.' || r FROM (SELECT 'tview ' || count(*) FROM tviews.tview
                    UNION ALL SELECT 'source ' || count(*) FROM tviews.source
                    UNION ALL SELECT 'source_table ' || count(*) FROM tviews.source_table
                    UNION ALL SELECT 'compiled_source ' || count(*) FROM tviews.compiled_source) AS x(r)
                ORDER BY 1""");
    }

    @Test
    void droppingTviewsRemovesEveryObjectTheEngineMade(TestDb db) throws SQLException {
        List<String> before = objects(db);
        db.create("tv_user", SecurityTest.SOCIAL.get("tv_user"));
        db.create("tv_post", SecurityTest.SOCIAL.get("tv_post"));
        db.create("tv_post_doc", "SELECT t.pk_post, t.data FROM tv_post t");
        db.tviews().setTriggerMode(TriggerMode.ROW);
        db.tviews().setTriggerMode(TriggerMode.STATEMENT);
        assertThat(objects(db)).hasSizeGreaterThan(before.size() + 30);
        db.tviews().drop("tv_post_doc");
        db.tviews().drop("tv_post");
        db.tviews().drop("tv_user");
        assertThat(objects(db)).containsExactlyElementsOf(before);
    }
}
