package dev.tviews.engine.operations;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The architect guide's circuit breaker and alerting function, run unmodified (test resources seed/*.sql). */
@Schema("social")
public class SeedOperationsSqlTest {

    public static String seed(String file) {
        try (InputStream in = SeedOperationsSqlTest.class.getResourceAsStream("/seed/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCircuitBreakerRejectsAnInsertOnceTheBatchedQueueExceedsItsLimit(TestDb db) throws SQLException {
        db.create("tv_post", Definitions.load("social").get("tv_post"));
        db.exec(seed("circuit_breaker.sql"));
        db.begin();
        db.exec("SET LOCAL tviews.batch = on");
        try (Statement st = db.connection().createStatement()) {
            for (int i = 1; i <= 1001; i++) {
                st.execute("INSERT INTO tb_post (title, fk_user) VALUES ('post " + i + "', 1)");
            }
            assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->>'queue_size')::int")).isEqualTo(1001);
            assertThatThrownBy(() -> st.execute("INSERT INTO tb_post (title, fk_user) VALUES ('one too many', 1)"))
                    .hasMessageContaining("Cascade queue too large, rejecting update");
        } finally {
            db.rollback();
        }
        // Without batching the queue never grows: every statement refreshes before the next.
        db.exec("INSERT INTO tb_post (title, fk_user) SELECT 'bulk ' || g, 2 FROM generate_series(1, 1100) g");
        db.assertFresh("tv_post");
    }

    @Test
    void theGuidesMonitoringQueriesRunAsPrinted(TestDb db) throws SQLException {
        db.createAll("social");
        db.exec("UPDATE tb_user SET name = 'Ann B.' WHERE pk_user = 1");
        // Statement by statement, as an operator pastes them into psql.
        List<String> answers = new ArrayList<>();
        for (String statement : seed("monitoring.sql").split(";\\s*\\n")) {
            if (statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
                continue;
            }
            try (Statement st = db.connection().createStatement(); var rs = st.executeQuery(statement)) {
                while (rs.next()) {
                    answers.add(rs.getString(1));
                }
            }
        }
        // stats, hit rates, 7 TVIEWs queued, 9 health components ok, stats, slow-cascade check
        assertThat(answers).hasSize(1 + 1 + 7 + 9 + 1 + 1);
        assertThat(answers).contains("OK").anyMatch(a -> a.startsWith("{") && a.contains("\"queue_size\""))
                .anyMatch(a -> a.startsWith("(tv_user,1,"));
    }

    @Test
    void theAlertingFunctionReturnsItsRows(TestDb db) throws SQLException {
        db.create("tv_post", Definitions.load("social").get("tv_post"));
        db.exec(seed("alerting.sql"), "SELECT pg_tviews_reset_stats()");
        assertThat(db.column("SELECT alert_level || ': ' || message FROM tview_performance_alerts()"))
                .as("no figures yet: quiet").isEmpty();
        try (Connection fresh = db.newConnection(); Statement st = fresh.createStatement()) {
            // A new connection compiles the trigger function on its first write: a cache miss.
            st.execute("UPDATE tb_user SET name = 'Ann B.' WHERE pk_user = 1");
        }
        assertThat(db.column("SELECT alert_level || ': ' || message FROM tview_performance_alerts()"))
                .containsExactly("WARNING: Graph cache hit rate < 80%");
        db.begin();
        db.exec("SET LOCAL tviews.batch = on",
                "INSERT INTO tb_post (title, fk_user) SELECT 'queued ' || g, 3 FROM generate_series(1, 1001) g");
        assertThat(db.column("SELECT alert_level || ': ' || message FROM tview_performance_alerts()"))
                .containsExactly("CRITICAL: TVIEW queue > 1000", "WARNING: Graph cache hit rate < 80%");
        db.rollback();
    }
}
