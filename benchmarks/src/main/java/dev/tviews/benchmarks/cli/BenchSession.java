package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;

/**
 * The server of one benchmark command: opened (an embedded one started) at the beginning, handed to the
 * JMH forks through a connection file, and at the end cleaned up: the benchmark databases this command
 * created are dropped (those that were there before are kept), the file deleted, an embedded server stopped.
 */
final class BenchSession implements AutoCloseable {

    private final PostgresServer server;
    private final Path connectionFile;
    private final Set<String> existingBefore;
    private boolean closed;

    private BenchSession(PostgresServer server, Path connectionFile, Set<String> existingBefore) {
        this.server = server;
        this.connectionFile = connectionFile;
        this.existingBefore = existingBefore;
    }

    static BenchSession open(DatabaseOptions options) throws SQLException {
        return open(options.toOptions());
    }

    /** For commands that pick the server by what they run (pg-ivm needs a server with pg_ivm preloaded). */
    static BenchSession open(PostgresOptions options) throws SQLException {
        return open(options, null);
    }

    /** As {@link #open(PostgresOptions)}, behind {@code pooler} (pgbouncer) when it is not null. */
    static BenchSession open(PostgresOptions options, String pooler) throws SQLException {
        PostgresServer server = dev.tviews.checker.cli.PooledServer.open(options, pooler);
        try {
            Set<String> before = Datasets.existing(server);
            BenchServer.use(server);
            BenchSession session = new BenchSession(server, BenchServer.handOff(server), before);
            SignalStop.closeOnStop(session);
            return session;
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    PostgresServer server() {
        return server;
    }

    Path connectionFile() {
        return connectionFile;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        SignalStop.forget(this);
        try {
            if (server.provider() != dev.tviews.database.PostgresProvider.EMBEDDED) {
                // An embedded server's databases go with its directory; an external one keeps only what it had.
                Datasets.dropAll(server, existingBefore);
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("warning: could not drop the benchmark databases (" + Datasets.PREFIX + "*) on "
                    + server.describe() + ": " + e.getMessage() + "; drop them by hand");
        } finally {
            try {
                Files.deleteIfExists(connectionFile);
            } catch (IOException e) {
                System.err.println("warning: could not delete " + connectionFile + ": " + e.getMessage());
            }
            server.close();
        }
    }
}
