package dev.tviews.engine;

import dev.tviews.engine.runtime.RuntimeInstaller;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.SocialWrites;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installing this runtime over version 1 (a checked-in export of the version 1 engine with three
 * TVIEWs) upgrades it in place: every TVIEW recompiled, its table, rows and indexes kept.
 */
@Schema(value = "social", runtime = false)
class UpgradeTest {

    static final List<String> NAMES = List.of("tv_user", "tv_post", "tv_post_thread");

    @Test
    void installingOverVersionOneUpgradesEveryTviewInPlace(TestDb db) throws SQLException, IOException {
        try (InputStream in = UpgradeTest.class.getResourceAsStream("/upgrade/social-v1.sql")) {
            db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(db.scalarLong("SELECT max(version) FROM tviews.runtime_version")).isEqualTo(1);
        // Version 1 generated functions that ran as the caller.
        assertThat(db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace "
                + "AND proname LIKE 'refresh%' AND prosecdef")).isZero();
        db.exec("UPDATE tb_user SET name = 'written under v1' WHERE pk_user = 2",
                "CREATE INDEX tv_post_title ON tv_post ((data ->> 'title'))");
        long postOid = db.scalarLong("SELECT 'tv_post'::regclass::oid");

        assertThat(db.tviews().install()).isEqualTo(1);

        assertThat(db.scalarLong("SELECT max(version) FROM tviews.runtime_version")).isEqualTo(RuntimeInstaller.VERSION);
        assertThat(db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace "
                + "AND proname ~ '^(refresh_|refresh_all_|on_)[0-9]+$' AND NOT prosecdef")).isZero();
        assertThat(db.scalarLong("SELECT count(*) FROM tviews.compiled_source")).isEqualTo(2 + 2 + 3);
        assertThat(db.scalarLong("SELECT 'tv_post'::regclass::oid")).isEqualTo(postOid);
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'tv_post'")).contains("tv_post_title");
        assertThat(db.scalar("SELECT data ->> 'author' FROM tv_post WHERE pk_post = 1")).contains("written under v1");
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
        SocialWrites.writeEverywhere(db, "stmt", NAMES);
        db.tviews().setTriggerMode(TriggerMode.ROW);
        SocialWrites.writeEverywhere(db, "row", NAMES);
        assertThat(db.tviews().install()).as("idempotent").isEqualTo(RuntimeInstaller.VERSION);
    }
}
