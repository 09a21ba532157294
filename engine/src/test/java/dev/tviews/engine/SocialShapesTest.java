package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shape of the social definitions (self-join, nested correlated subqueries, a three-hop
 * chain, a WHERE filter, groups, a TVIEW over a TVIEW) under every kind of write, in both
 * trigger modes. Each case ends with the verify diff of every TVIEW, which must be empty.
 */
@Schema("social")
class SocialShapesTest {

    private static List<String> setUp(TestDb db, TriggerMode mode) throws SQLException {
        db.tviews().setTriggerMode(mode);
        List<String> names = db.createAll("social");
        db.assertFresh(names.toArray(String[]::new));
        return names;
    }

    private static void assertAllFresh(TestDb db, List<String> names) throws SQLException {
        db.assertFresh(names.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void insertsIntoEveryTable(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("INSERT INTO tb_org (name) VALUES ('Umbrella')",
                "INSERT INTO tb_user (name, fk_org, fk_manager) VALUES ('Gus', 3, 2)",
                "INSERT INTO tb_user (name) VALUES ('Hal')",
                "INSERT INTO tb_post (title, fk_user) VALUES ('Fresh', 101)",
                "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('first', 101, 1)",
                "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('anonymous', 2, NULL)");
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void updatesOfEveryTableIncludingFanOut(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("UPDATE tb_org SET name = 'Acme Corp' WHERE pk_org = 1",
                "UPDATE tb_user SET name = 'Ann B.' WHERE pk_user = 1",
                "UPDATE tb_user SET email = NULL WHERE pk_user = 2",
                "UPDATE tb_post SET title = 'Renamed' WHERE pk_post = 5",
                "UPDATE tb_comment SET body = 'edited' WHERE pk_comment = 7");
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void foreignKeyMovesAndNulls(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("UPDATE tb_post SET fk_user = 6 WHERE pk_post = 1",
                "UPDATE tb_comment SET fk_post = 9 WHERE pk_comment IN (1, 2, 3)",
                "UPDATE tb_comment SET fk_user = NULL WHERE pk_comment = 4",
                "UPDATE tb_user SET fk_org = 3, fk_manager = 6 WHERE pk_user = 2",
                "UPDATE tb_user SET fk_org = NULL WHERE pk_user = 3");
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void parentDeletesWithCascadeAndSetNull(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("DELETE FROM tb_user WHERE pk_user = 1"); // cascades to posts and comments, nulls managers
        assertAllFresh(db, names);
        db.exec("DELETE FROM tb_org WHERE pk_org = 2"); // nulls users' org
        assertAllFresh(db, names);
        db.exec("DELETE FROM tb_post WHERE pk_post IN (2, 3)"); // cascades to comments
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void rowsEnterAndLeaveTheFilterAndGroupsEmpty(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("UPDATE tb_post SET published = NOT published WHERE pk_post IN (4, 5, 10)",
                "UPDATE tb_post SET title = '' WHERE pk_post = 6",
                "UPDATE tb_user SET fk_org = 2 WHERE fk_org = 1");
        assertThat(db.scalarLong("SELECT user_count FROM tv_org WHERE pk_org = 1")).isZero();
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void keyColumnChangesAndDoubleUpdatesInOneTransaction(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.begin();
        db.exec("INSERT INTO tb_post (pk_post, title, fk_user) VALUES (400, 'to be re-keyed', 2)",
                "UPDATE tb_post SET pk_post = 500 WHERE pk_post = 400",
                "INSERT INTO tb_org (pk_org, name) VALUES (40, 'Soon 50')",
                "UPDATE tb_org SET pk_org = 50 WHERE pk_org = 40",
                "UPDATE tb_user SET name = 'first' WHERE pk_user = 4",
                "UPDATE tb_user SET name = 'second' WHERE pk_user = 4");
        assertAllFresh(db, names); // read-your-writes inside the transaction
        db.commit();
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void writableCteTouchingTwoTables(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("""
                WITH moved AS (UPDATE tb_user SET name = 'Moved', fk_org = 3 WHERE pk_user = 2 RETURNING pk_user),
                     added AS (INSERT INTO tb_post (title, fk_user) SELECT 'by moved', pk_user FROM moved RETURNING pk_post)
                INSERT INTO tb_comment (body, fk_post, fk_user) SELECT 'on new post', pk_post, 2 FROM added""");
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void savepointRollbackAndFailedStatements(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        String before = db.scalar("SELECT data::text FROM tv_post WHERE pk_post = 2");
        db.begin();
        var sp = db.connection().setSavepoint();
        db.exec("UPDATE tb_user SET name = 'Temporary' WHERE pk_user = 3",
                "INSERT INTO tb_post (title, fk_user) VALUES ('gone', 3)");
        db.connection().rollback(sp);
        assertAllFresh(db, names);
        assertThat(db.scalar("SELECT data::text FROM tv_post WHERE pk_post = 2")).isEqualTo(before);
        var sp2 = db.connection().setSavepoint();
        try {
            db.exec("INSERT INTO tb_post (title, fk_user) VALUES ('orphan', 999)");
        } catch (SQLException expected) {
            db.connection().rollback(sp2);
        }
        assertAllFresh(db, names);
        db.commit();
        assertAllFresh(db, names);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void bulkStatementsTruncateAndCopy(TriggerMode mode, TestDb db) throws Exception {
        List<String> names = setUp(db, mode);
        db.exec("UPDATE tb_post SET title = title || '!'",
                "INSERT INTO tb_comment (body, fk_post, fk_user) SELECT 'bulk ' || g, 1 + g % 12, 1 + g % 6 "
                        + "FROM generate_series(1, 200) g",
                "DELETE FROM tb_comment WHERE pk_comment % 3 = 0");
        assertAllFresh(db, names);
        PGConnection pg = db.connection().unwrap(PGConnection.class);
        pg.getCopyAPI().copyIn("COPY tb_comment (body, fk_post, fk_user) FROM STDIN",
                new StringReader("copied one\t1\t2\ncopied two\t3\t\\N\n"));
        assertAllFresh(db, names);
        db.exec("TRUNCATE tb_comment");
        assertAllFresh(db, names);
        db.exec("TRUNCATE tb_org CASCADE");
        assertAllFresh(db, names);
    }
}
