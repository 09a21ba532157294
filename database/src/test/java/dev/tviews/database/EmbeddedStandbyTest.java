package dev.tviews.database;

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
class EmbeddedStandbyTest {

    @Test
    void aStandbyReplaysThePrimaryAndIsReadOnlyAndCleansUp() throws Exception {
        try (PostgresServer primary = PostgresServers.open(PostgresOptions.embedded(PostgresOptions.DEFAULT_MAJOR))) {
            try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k int PRIMARY KEY, v text)");
                st.execute("INSERT INTO t SELECT g, 'before' FROM generate_series(1, 100) g");
            }
            java.io.File directory;
            try (EmbeddedStandby standby = EmbeddedStandby.of(primary)) {
                directory = standby.dataDirectory();
                assertThat(directory).isDirectory();
                try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE t SET v = 'after' WHERE k <= 10");
                }
                standby.awaitReplay(Duration.ofSeconds(30));
                try (Connection s = standby.connect(); Statement st = s.createStatement()) {
                    assertThat(scalar(st, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
                    assertThat(scalar(st, "SELECT count(*)::text FROM t WHERE v = 'after'")).isEqualTo("10");
                    assertThatThrownBy(() -> st.execute("INSERT INTO t VALUES (0, 'x')")).isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
                }
                try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                    assertThat(scalar(st, "SELECT count(*)::text FROM pg_stat_replication")).isEqualTo("1");
                }
            }
            try (Connection c = primary.connect(); Statement st = c.createStatement()) {
                assertThat(scalar(st, "SELECT count(*)::text FROM pg_replication_slots")).as("slots left").isEqualTo("0");
            }
            assertThat(directory).as("the standby's directory after close").doesNotExist();
        }
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
