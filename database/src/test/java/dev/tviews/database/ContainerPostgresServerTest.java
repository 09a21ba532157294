package dev.tviews.database;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ContainerPostgresServerTest {

    @Test
    void startsTheOfficialImage() throws SQLException {
        assumeTrue(ContainerPostgresServer.dockerAvailable(),
                "skipped: no Docker engine answers, so the testcontainers provider cannot start a container");
        try (PostgresServer server = PostgresServers.open(PostgresOptions.testcontainers(18))) {
            assertThat(server.serverMajorVersion()).isEqualTo(18);
            assertThat(server.describe()).doesNotContain(server.connectionProperties().getProperty("password"));
        }
    }
}
