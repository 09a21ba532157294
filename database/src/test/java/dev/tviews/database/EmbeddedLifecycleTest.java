package dev.tviews.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting each bundled major and stopping it without leaving a process or a directory behind. */
class EmbeddedLifecycleTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 18})
    void startsTheRequestedMajorAndStopsWithoutTrace(int major) throws SQLException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(major);
        File dataDirectory = server.dataDirectory();
        try {
            System.out.printf("embedded PostgreSQL %s started in %d ms%n", server.serverVersion(),
                    server.startupTime().orElseThrow().toMillis());
            assertThat(server.serverMajorVersion()).isEqualTo(major);
            assertThat(new File(dataDirectory, ".s.PGSQL." + server.jdbcUrl("x").replaceAll(".*:(\\d+)/.*", "$1")))
                    .as("the Unix socket lives in the temporary data directory").exists();
            assertThat(postgresProcessesUsing(dataDirectory)).as("the server runs").isNotEmpty();
        } finally {
            server.close();
        }
        assertThat(postgresProcessesUsing(dataDirectory)).as("no postgres process survives close").isEmpty();
        assertThat(dataDirectory).as("the data directory is removed").doesNotExist();
        assertThatThrownBy(() -> {
            try (Connection ignored = server.connect()) {
                // unreachable when the server is gone
            }
        }).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesAnUnbundledMajorWithAHint() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL 9 is not bundled")
                .hasMessageContaining("[14, 18]")
                .hasMessageContaining("--jdbc-url");
    }

    static List<ProcessHandle> postgresProcessesUsing(File dataDirectory) {
        String path = dataDirectory.getAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres") && cmd.contains(path))
                        .orElse(false))
                .toList();
    }
}
