package dev.tviews.checker.cli;

import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresProvider;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.database.pooler.PgBouncer;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code check --pooler pgbouncer} and {@code load --pooler pgbouncer}: the chosen server with PgBouncer in transaction pooling in
 * front of it, as managed clouds run it — consecutive transactions of one client land on different
 * server sessions, and one server session serves many clients. Everything the command does goes
 * through the pooler; closing stops PgBouncer, then the server.
 */
public final class PooledServer implements PostgresServer {

    /** Few server sessions, so that clients share them all the time. */
    static final int POOL_SIZE = 2;

    private final PostgresServer through;
    private final PgBouncer bouncer;
    private final PostgresServer server;

    private PooledServer(PostgresServer through, PgBouncer bouncer, PostgresServer server) {
        this.through = through;
        this.bouncer = bouncer;
        this.server = server;
    }

    /** Opens the server {@code options} name, behind {@code pooler} when it is given ({@code pgbouncer}). */
    public static PostgresServer open(PostgresOptions options, String pooler) {
        if (pooler == null) {
            return PostgresServers.open(options);
        }
        if (!pooler.trim().toLowerCase(Locale.ROOT).equals("pgbouncer")) {
            throw new IllegalArgumentException("--pooler is pgbouncer (the only pooler the checker can start), not '"
                    + pooler + "'; for another pooler, give its URL with --jdbc-url");
        }
        Optional<Path> binary = PgBouncer.find();
        if (binary.isEmpty()) {
            throw new IllegalArgumentException("--pooler pgbouncer: PgBouncer is not installed (apt-get install pgbouncer, "
                    + "or set TVIEWS_PGBOUNCER to its binary)");
        }
        PostgresServer server = PostgresServers.open(options);
        PgBouncer bouncer = null;
        try {
            URI uri = URI.create(server.jdbcUrl(server.maintenanceDatabase()).substring("jdbc:".length()));
            String user = server.connectionProperties().getProperty("user", System.getProperty("user.name"));
            bouncer = PgBouncer.start(binary.get(), uri.getHost(), uri.getPort(), user, POOL_SIZE);
            PostgresServer through = PostgresServers.open(PostgresOptions.external(
                    bouncer.jdbcUrl(server.maintenanceDatabase())));
            return new PooledServer(through, bouncer, server);
        } catch (RuntimeException e) {
            if (bouncer != null) {
                bouncer.close();
            }
            server.close();
            throw e;
        }
    }

    @Override
    public String maintenanceDatabase() {
        return through.maintenanceDatabase();
    }

    @Override
    public String jdbcUrl(String database) {
        return through.jdbcUrl(database);
    }

    @Override
    public Properties connectionProperties() {
        return through.connectionProperties();
    }

    @Override
    public String describe() {
        return "PgBouncer (transaction pooling, " + POOL_SIZE + " server sessions, port " + bouncer.port() + ") in front of "
                + server.describe();
    }

    @Override
    public PostgresProvider provider() {
        return through.provider();
    }

    @Override
    public void close() {
        try {
            through.close();
        } finally {
            try {
                bouncer.close();
            } finally {
                server.close();
            }
        }
    }
}
