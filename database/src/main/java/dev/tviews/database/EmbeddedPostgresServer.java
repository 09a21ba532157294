package dev.tviews.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * PostgreSQL from the zonky binaries, in a data directory under {@code java.io.tmpdir/embedded-pg}
 * that also holds its Unix socket. As root, zonky runs the server under {@code unshare -U}, since
 * PostgreSQL refuses to run as root. Zonky stops the server on JVM shutdown (SIGTERM included),
 * and at the next start stops and removes servers whose JVM was killed outright.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int major;
    private final Duration startupTime;
    private final File dataDirectory;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int major, Duration startupTime, File dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.major = major;
        this.startupTime = startupTime;
    }

    static EmbeddedPostgresServer start(int major) {
        return start(major, java.util.Map.of());
    }

    /** With extra server settings on top of the defaults below (they win). */
    static EmbeddedPostgresServer start(int major, java.util.Map<String, String> settings) {
        long started = System.nanoTime();
        File parent = new File(System.getProperty("java.io.tmpdir"), "embedded-pg");
        File dataDirectory = new File(parent, "tviews-" + UUID.randomUUID());
        try {
            EmbeddedPostgres.Builder builder = builder(major, dataDirectory).setCleanDataDirectory(true);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedPostgresServer(pg, major, Duration.ofNanos(System.nanoTime() - started), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL " + major + " in " + dataDirectory
                    + ": " + e.getMessage() + " (check free disk space under java.io.tmpdir)", e);
        }
    }

    /** The settings every embedded server of this module starts with (a standby too), in {@code dataDirectory}. */
    static EmbeddedPostgres.Builder builder(int major, File dataDirectory) {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(PostgresBinaries.resolverFor(major))
                .setDataDirectory(dataDirectory)
                .setServerConfig("unix_socket_directories", dataDirectory.getAbsolutePath())
                .setServerConfig("listen_addresses", "localhost")
                // Room for the concurrency tests and the load runner's pools.
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /** Wall time from the call to start until the server accepted connections. */
    @Override
    public java.util.Optional<Duration> startupTime() {
        return java.util.Optional.of(startupTime);
    }

    /** The TCP port on localhost. */
    int port() {
        return postgres.getPort();
    }

    /** The data directory, which also holds the server's Unix socket. */
    File dataDirectory() {
        return dataDirectory;
    }

    @Override
    public java.util.Optional<java.nio.file.Path> unixSocketDirectory() {
        return java.util.Optional.of(dataDirectory.toPath());
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + JdbcUrls.encodePathSegment(database);
    }

    @Override
    public Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        return p;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + major + " on localhost:" + postgres.getPort();
    }

    @Override
    public PostgresProvider provider() {
        return PostgresProvider.EMBEDDED;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        PostgresServers.closed(this);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop " + describe(), e);
        }
    }
}
