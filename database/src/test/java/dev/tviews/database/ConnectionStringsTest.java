package dev.tviews.database;

import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libpq URIs and Unix sockets as users write them, against the embedded server (which also listens on a socket). */
@ExtendWith(PostgresExtension.class)
class ConnectionStringsTest {

    @Test
    void libpqUrisBecomeJdbcUrlsWithTheCredentialsInTheProperties() {
        JdbcUrls.Parsed p = JdbcUrls.parse("postgresql://alice:s%40cret@db.example:6543/shop?sslmode=require&application_name=x");
        assertThat(p.hostsAndPorts()).isEqualTo("db.example:6543");
        assertThat(p.database()).isEqualTo("shop");
        assertThat(p.properties().getProperty("user")).isEqualTo("alice");
        assertThat(p.properties().getProperty("password")).isEqualTo("s@cret");
        assertThat(p.properties().getProperty("sslmode")).isEqualTo("require");
        assertThat(p.properties().getProperty("ApplicationName")).isEqualTo("x");

        JdbcUrls.Parsed socket = JdbcUrls.parse("postgres:///shop?host=/var/run/postgresql");
        assertThat(socket.where()).isEqualTo("Unix socket /var/run/postgresql/.s.PGSQL.5432");
        assertThat(socket.properties().getProperty("socketFactory")).isEqualTo(JdbcUrls.SOCKET_FACTORY);

        JdbcUrls.Parsed encodedHost = JdbcUrls.parse("postgresql://%2Ftmp%2Fpg:5433/db");
        assertThat(encodedHost.where()).isEqualTo("Unix socket /tmp/pg/.s.PGSQL.5433");

        JdbcUrls.Parsed jdbcSocket = JdbcUrls.parse("jdbc:postgresql:///postgres?host=/tmp/x/&port=5499&user=u");
        assertThat(jdbcSocket.where()).isEqualTo("Unix socket /tmp/x/.s.PGSQL.5499");
        assertThat(jdbcSocket.properties().getProperty("user")).isEqualTo("u");
        assertThat(jdbcSocket.properties().getProperty("host")).isNull();
    }

    @Test
    void badStringsAreRefusedNamingTheFormsWithoutEchoingThem() {
        assertThatThrownBy(() -> JdbcUrls.parse("mysql://root:hunter2@db/x"))
                .hasMessageContaining("postgresql://U:P@HOST:PORT/DB").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcUrls.parse("postgresql://root:hunter2@db/x?fancy=1"))
                .hasMessageContaining("'fancy' is not supported").hasMessageContaining("sslmode")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcUrls.parse("postgresql://u:hunter2@/x?host=/tmp&port=eighty"))
                .hasMessageContaining("'eighty' is not a port number").hasMessageNotContaining("hunter2");
    }

    @Test
    void connectsThroughTheUnixSocketWithALibpqUri(PostgresServer embedded) throws SQLException {
        EmbeddedPostgresServer server = (EmbeddedPostgresServer) embedded;
        String uri = "postgresql://postgres:s3cr3t-pw@/postgres?host=" + server.dataDirectory().getAbsolutePath()
                + "&port=" + server.port();
        try (PostgresServer external = PostgresServers.open(PostgresOptions.external(uri));
             Connection c = external.connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT inet_client_addr() IS NULL, current_user")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("a Unix-socket connection has no client address").isTrue();
            assertThat(rs.getString(2)).isEqualTo("postgres");
            assertThat(external.describe()).contains("Unix socket").contains(".s.PGSQL." + server.port())
                    .doesNotContain("s3cr3t-pw");
            // What the JMH forks receive: the JDBC URL with the socket factory among its properties.
            try (Connection again = java.sql.DriverManager.getConnection(external.jdbcUrl("postgres"),
                    external.connectionProperties())) {
                assertThat(again.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void aMissingSocketSaysWhichFileAndWhatToCheck() {
        assertThatThrownBy(() -> PostgresServers.open(PostgresOptions.external(
                "postgresql://u:hunter2@/db?host=/nonexistent-tviews-dir&port=5999")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent-tviews-dir/.s.PGSQL.5999")
                .hasMessageContaining("unix_socket_directories")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachableTcpServerNamesWhatWasTriedAndTheSocketAlternative() {
        assertThatThrownBy(() -> PostgresServers.open(PostgresOptions.external(
                "postgresql://u:hunter2@127.0.0.1:1/db?connect_timeout=2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tried TCP to 127.0.0.1:1")
                .hasMessageContaining("listen_addresses")
                .hasMessageContaining("host=/var/run/postgresql")
                .hasMessageNotContaining("hunter2");
    }
}
