package dev.tviews.database;

import dev.tviews.database.junit.Standbys;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A streaming hot standby of an embedded primary, from a base backup taken with the low-level
 * API: it shows what the primary committed, refuses writes, and leaves no directory or
 * replication slot behind.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.tviews.database.junit.PostgresExtension.class)
class EmbeddedStandbyTest {

    /** The standby comes from the test extension ({@code Replicas} parameter), as any test can have one. */
    @Test
    void aStandbyReplaysThePrimaryAndIsReadOnlyAndCleansUp(PostgresServer primary, @Standbys(1) Replicas replicas)
            throws Exception {
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE standby_test (k int PRIMARY KEY, v text)");
            st.execute("INSERT INTO standby_test SELECT g, 'before' FROM generate_series(1, 100) g");
        }
        EmbeddedStandby standby = (EmbeddedStandby) replicas.servers().get(0);
        java.io.File directory = standby.dataDirectory();
        try {
            assertThat(directory).isDirectory();
            try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                st.execute("UPDATE standby_test SET v = 'after' WHERE k <= 10");
            }
            replicas.awaitReplay(Duration.ofSeconds(30));
            try (Connection s = standby.connect(); Statement st = s.createStatement()) {
                assertThat(scalar(st, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
                assertThat(scalar(st, "SELECT count(*)::text FROM standby_test WHERE v = 'after'")).isEqualTo("10");
                assertThatThrownBy(() -> st.execute("INSERT INTO standby_test VALUES (0, 'x')")).isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            }
            try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                assertThat(scalar(st, "SELECT count(*)::text FROM pg_stat_replication WHERE application_name LIKE "
                        + "'tviews_standby_%'")).isEqualTo("1");
            }
        } finally {
            replicas.close();
            try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE standby_test");
            }
        }
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            assertThat(scalar(st, "SELECT count(*)::text FROM pg_replication_slots WHERE slot_name LIKE 'tviews_standby_%'"))
                    .as("slots left").isEqualTo("0");
        }
        assertThat(directory).as("the standby's directory after close").doesNotExist();
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
