package dev.tviews.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a {@link PostgresServer} for a set of {@link PostgresOptions}, and keeps account of the servers this
 * process started and has not closed yet, so that a signal handler can stop them all, waiting for one still
 * starting rather than leaving it half made.
 */
public final class PostgresServers {

    private static final Set<PostgresServer> STARTED = ConcurrentHashMap.newKeySet();
    private static final Object STARTING_LOCK = new Object();
    private static int starting;

    private PostgresServers() {
    }

    public static PostgresServer open(PostgresOptions options) {
        synchronized (STARTING_LOCK) {
            starting++;
        }
        try {
            PostgresServer server = switch (options.provider()) {
                case EMBEDDED -> EmbeddedPostgresServer.start(options.majorVersion(), options.settings());
                case EXTERNAL -> ExternalPostgresServer.open(options.jdbcUrl().orElseThrow());
                case TESTCONTAINERS -> ContainerPostgresServer.start(options.majorVersion());
                case LOCAL -> LocalPostgresServer.start(options.pgBin().map(LocalPostgresBinaries::of).orElseGet(
                        () -> LocalPostgresBinaries.require(options.majorVersion(), options.preloadedLibraries())),
                        options.settings());
            };
            if (server.provider() != PostgresProvider.EXTERNAL) {
                STARTED.add(server);
            }
            return server;
        } finally {
            synchronized (STARTING_LOCK) {
                starting--;
                STARTING_LOCK.notifyAll();
            }
        }
    }

    /** The server this process is configured for (see {@link PostgresOptions#fromEnvironment()}). */
    public static PostgresServer openDefault() {
        return open(PostgresOptions.fromEnvironment());
    }

    /** Called by a server this process started when it is closed. */
    static void closed(PostgresServer server) {
        STARTED.remove(server);
    }

    /**
     * Stops every server this process started and has not closed, after waiting up to {@code wait} for those
     * being started; returns how many were stopped.
     */
    public static int closeAll(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (STARTING_LOCK) {
            while (starting > 0 && System.nanoTime() < deadline) {
                try {
                    STARTING_LOCK.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<PostgresServer> open = new ArrayList<>(STARTED);
        for (PostgresServer server : open) {
            server.close();
        }
        return open.size();
    }
}
