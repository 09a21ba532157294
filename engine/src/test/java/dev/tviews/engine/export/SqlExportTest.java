package dev.tviews.engine.export;

import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exported migration, applied through JDBC to a database that holds only the schema, gives the same TVIEWs. */
@Schema(value = "social", runtime = false)
class SqlExportTest {

    static final List<String> NAMES = List.of("tv_user", "tv_post", "tv_post_thread", "tv_comment");

    static List<TviewDefinition> definitions() {
        Map<String, String> all = Definitions.load("social");
        return NAMES.stream().map(n -> TviewDefinition.of(n, all.get(n))).toList();
    }

    @Test
    void theMigrationRecreatesTheTviewsWithTheSameBehaviour(TestDb db) throws SQLException {
        String sql = SqlExport.export(db.connection(), definitions());
        // Compiled on this database and rolled back: it still holds only the schema.
        assertThat(db.scalar("SELECT to_regnamespace('tviews')::text")).isNull();
        assertThat(sql).contains("CREATE OR REPLACE FUNCTION tviews.rebuild_source")
                .contains("CREATE TABLE \"public\".\"tv_comment\"").doesNotContain("::oid::regclass");

        db.exec(sql);
        assertThat(db.column("SELECT tv_table::text FROM tviews.tview ORDER BY id")).containsExactlyElementsOf(NAMES);
        assertThat(db.scalarLong("SELECT count(*) FROM tv_post_thread")).isEqualTo(12);
        db.assertFresh(NAMES.toArray(String[]::new));
        writeEverywhere(db, "stmt");
        db.tviews().setTriggerMode(TriggerMode.ROW);
        writeEverywhere(db, "row");
        // The sequence was moved past the exported ids: one more TVIEW gets a fresh id.
        db.create("tv_org", "SELECT o.pk_org, o.id, jsonb_build_object('name', o.name) AS data FROM tb_org o");
        db.assertFresh("tv_org");
    }

    static void writeEverywhere(TestDb db, String tag) throws SQLException {
        db.exec("UPDATE tb_user SET name = name || '" + tag + "' WHERE pk_user IN (1, 3)",
                "UPDATE tb_org SET name = 'Org " + tag + "' WHERE pk_org = 2",
                "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new " + tag + "', 3, 2)",
                "UPDATE tb_post SET fk_user = 5, title = 'moved " + tag + "' WHERE pk_post = 4",
                "DELETE FROM tb_comment WHERE pk_comment IN (SELECT min(pk_comment) FROM tb_comment)");
        db.assertFresh(NAMES.stream().filter(n -> {
            try {
                return db.scalar("SELECT to_regclass('" + n + "')::text") != null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(String[]::new));
    }
}
