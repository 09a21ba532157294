package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade recompiles every TVIEW, and the recompile gives an older TVIEW's id index the new
 * form: its immediate unique index becomes a constraint checked at commit, in place (same index,
 * same file, no rebuild). Where the sources do not prove id unique, the upgrade keeps the
 * uniqueness the TVIEW had, and records uniqueId so that later recompiles keep it too.
 */
@Schema(value = "social", runtime = false)
class IdIndexUpgradeTest {

    @Test
    void anUpgradeDefersTheUniqueIndexOfOlderTviewsInPlace(TestDb db) throws SQLException, IOException {
        try (InputStream in = IdIndexUpgradeTest.class.getResourceAsStream("/upgrade/social-v1.sql")) {
            db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(IdUniquenessTest.idIndex(db, "tv_post")).isEqualTo("tv_post_id_idx unique");
        String postIndexFile = db.scalar("SELECT oid || ' ' || relfilenode FROM pg_class WHERE relname = 'tv_post_id_idx'");
        // Without its source's constraint, tv_user's id is no longer proven unique.
        db.exec("ALTER TABLE tb_user DROP CONSTRAINT tb_user_id_key");

        db.tviews().install();

        assertThat(IdUniquenessTest.idIndex(db, "tv_post")).isEqualTo("tv_post_id_idx unique deferrable initially deferred");
        assertThat(db.scalar("SELECT oid || ' ' || relfilenode FROM pg_class WHERE relname = 'tv_post_id_idx'"))
                .as("converted in place").isEqualTo(postIndexFile);
        assertThat(db.tviews().info("tv_post").id().orElseThrow().reason())
                .startsWith("unique, checked at commit: public.tb_post.id is unique (tb_post_id_key)");
        assertThat(uniqueIdOption(db, "tv_post")).isEqualTo("false");

        assertThat(IdUniquenessTest.idIndex(db, "tv_user")).isEqualTo("tv_user_id_idx unique deferrable initially deferred");
        assertThat(db.tviews().info("tv_user").id().orElseThrow().reason())
                .startsWith("unique, checked at commit, as the option uniqueId asks, though not proven");
        assertThat(uniqueIdOption(db, "tv_user")).isEqualTo("true");
        db.tviews().recompile("tv_user");
        assertThat(IdUniquenessTest.idIndex(db, "tv_user")).as("a later recompile keeps it")
                .isEqualTo("tv_user_id_idx unique deferrable initially deferred");
        assertThat(db.scalar("SELECT obj_description('tv_user_id_idx'::regclass, 'pg_class')"))
                .startsWith("tviews: index on id, unique");
    }

    private static String uniqueIdOption(TestDb db, String table) throws SQLException {
        return db.scalar("SELECT options ->> 'uniqueId' FROM tviews.tview WHERE tv_table = '" + table + "'::regclass");
    }
}
