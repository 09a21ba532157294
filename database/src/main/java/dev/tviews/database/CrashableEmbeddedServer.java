package dev.tviews.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL that can be killed like a machine losing power — SIGKILL for the
 * postmaster and every process it started — and restarted on the same data directory and port,
 * so that PostgreSQL runs crash recovery. The data directory is a temporary one of its own,
 * removed by {@link #close} or, if the JVM ends first (SIGINT, SIGTERM), by a shutdown hook that
 * also stops the server.
 */
public final class CrashableEmbeddedServer implements AutoCloseable {

    private final int major;
    private final Path directory;
    private final int port;
    private final Thread hook;
    private EmbeddedPostgres running;

    private CrashableEmbeddedServer(int major, Path directory, int port) {
        this.major = major;
        this.directory = directory;
        this.port = port;
        this.hook = new Thread(this::stop, "tviews-crash-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static CrashableEmbeddedServer start(int major) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tviews-crash-");
            CrashableEmbeddedServer server = new CrashableEmbeddedServer(major, dir, LocalResources.freePort());
            server.restart();
            return server;
        } catch (IOException e) {
            LocalResources.deleteTree(dir);
            throw new UncheckedIOException("could not start an embedded PostgreSQL " + major + " to crash: " + e.getMessage(), e);
        }
    }

    /** Starts the server on the data directory as it is (after {@link #kill}: crash recovery). */
    public synchronized void restart() throws IOException {
        if (running != null) {
            throw new IllegalStateException("the server is running; kill it first");
        }
        // Not cleaned: a restart must find what the killed server left.
        running = EmbeddedPostgresServer.builder(major, directory.toFile()).setCleanDataDirectory(false).setPort(port).start();
    }

    /** SIGKILL for the postmaster and every process it started; returns once they are all gone. */
    public synchronized void kill() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("postmaster " + pid + " of " + directory + " is not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("process " + p.pid() + " did not end after SIGKILL: " + e.getMessage(), e);
            }
        }
        try {
            // Releases zonky's lock on the directory; stopping a dead server only logs an error.
            running.close();
        } catch (IOException | RuntimeException e) {
            // already dead
        }
        running = null;
    }

    /** A JDBC URL of the maintenance database, as the superuser. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + EmbeddedPostgresServer.SUPERUSER;
    }

    public String describe() {
        return "embedded PostgreSQL " + major + " on localhost:" + port + " in " + directory;
    }

    private synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException | RuntimeException e) {
                // removing the directory is what is left to do
            }
            running = null;
        }
        LocalResources.deleteTree(directory);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
