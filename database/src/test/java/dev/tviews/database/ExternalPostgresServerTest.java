package dev.tviews.database;

import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class ExternalPostgresServerTest {

    @Test
    void connectsThroughAUrlAndNeverShowsItsCredentials(PostgresServer embedded) throws SQLException {
        String url = embedded.jdbcUrl(embedded.maintenanceDatabase()) + "?user=postgres&password=s3cr3t-pw";
        try (PostgresServer external = PostgresServers.open(PostgresOptions.external(url));
             Connection c = external.connect()) {
            assertThat(c.isValid(2)).isTrue();
            assertThat(external.provider()).isEqualTo(PostgresProvider.EXTERNAL);
            assertThat(external.describe()).doesNotContain("s3cr3t-pw").doesNotContain("user=");
            assertThat(external.jdbcUrl("other")).doesNotContain("s3cr3t-pw").endsWith("/other");
            assertThat(external.connectionProperties().getProperty("password")).isEqualTo("s3cr3t-pw");
        }
    }

    @Test
    void aBadUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PostgresServers.open(PostgresOptions.external("mysql://root:hunter2@db/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachableServerSaysWhereWithoutCredentials() {
        assertThatThrownBy(() -> PostgresServers.open(
                PostgresOptions.external("jdbc:postgresql://127.0.0.1:1/db?user=u&password=hunter2&connectTimeout=2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1/db")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theEnvironmentChoosesTheProvider() {
        assertThat(PostgresOptions.fromEnvironment(Map.of(), null))
                .isEqualTo(PostgresOptions.embedded(18));
        assertThat(PostgresOptions.fromEnvironment(Map.of("TVIEWS_PG_MAJOR", "14"), null).majorVersion()).isEqualTo(14);
        assertThat(PostgresOptions.fromEnvironment(Map.of("TVIEWS_PG_MAJOR", "14"), "18").majorVersion())
                .as("the system property wins over the environment").isEqualTo(18);
        PostgresOptions external = PostgresOptions.fromEnvironment(
                Map.of("TVIEWS_JDBC_URL", "jdbc:postgresql://h/db"), "14");
        assertThat(external.provider()).isEqualTo(PostgresProvider.EXTERNAL);
        assertThatThrownBy(() -> PostgresOptions.parseMajor("eighteen"))
                .hasMessageContaining("'eighteen' is not a number");
    }
}
