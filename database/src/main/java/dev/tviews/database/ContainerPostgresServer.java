package dev.tviews.database;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Properties;

/** The official {@code postgres} image under Testcontainers. */
final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer<?> container;
    private final int major;

    private ContainerPostgresServer(PostgreSQLContainer<?> container, int major) {
        this.container = container;
        this.major = major;
    }

    /** Whether a Docker engine answers; the provider cannot work without one. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerPostgresServer start(int major) {
        if (!dockerAvailable()) {
            throw new IllegalStateException("The testcontainers provider needs a running Docker engine, and none "
                    + "answered; use the embedded provider (the default) or --jdbc-url instead");
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:" + major));
        container.start();
        return new ContainerPostgresServer(container, major);
    }

    @Override
    public String maintenanceDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
                + JdbcUrls.encodePathSegment(database);
    }

    @Override
    public Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", container.getUsername());
        p.setProperty("password", container.getPassword());
        return p;
    }

    @Override
    public String describe() {
        return "postgres:" + major + " container at " + container.getHost() + ":" + container.getMappedPort(5432);
    }

    @Override
    public PostgresProvider provider() {
        return PostgresProvider.TESTCONTAINERS;
    }

    @Override
    public void close() {
        PostgresServers.closed(this);
        container.stop();
    }
}
