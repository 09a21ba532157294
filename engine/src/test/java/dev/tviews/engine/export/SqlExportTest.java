package dev.tviews.engine.export;

import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.SocialWrites;
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
        SocialWrites.writeEverywhere(db, "stmt", NAMES);
        db.tviews().setTriggerMode(TriggerMode.ROW);
        SocialWrites.writeEverywhere(db, "row", NAMES);
        // The sequence was moved past the exported ids: one more TVIEW gets a fresh id.
        db.create("tv_org", "SELECT o.pk_org, o.id, jsonb_build_object('name', o.name) AS data FROM tb_org o");
        db.assertFresh("tv_org");
    }
}
