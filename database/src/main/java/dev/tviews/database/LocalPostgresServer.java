package dev.tviews.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway cluster of an installed PostgreSQL ({@link LocalPostgresBinaries}), the way the embedded
 * provider runs zonky's: {@code initdb} into {@code ${java.io.tmpdir}/tviews-local-pg/<uuid>}, which also
 * holds the Unix socket and the server log, {@code postgres} on a free localhost port, then on
 * {@link #close()}, on JVM exit, Ctrl-C or SIGTERM (a shutdown hook) a fast shutdown (SIGINT) and the
 * directory removed. A directory whose JVM was killed outright (SIGKILL) is cleaned up by the next
 * start: its server stopped, the directory removed.
 *
 * <p>PostgreSQL refuses to run as root. As root, {@code initdb} and {@code postgres} run under
 * {@code unshare -U} (a new user namespace where the process is not root, as zonky does), so the
 * files stay root's outside it and the JVM can remove them; as any other user they run directly.
 */
final class LocalPostgresServer implements PostgresServer {

    private static final String SUPERUSER = "postgres";
    private static final Path PARENT = Path.of(System.getProperty("java.io.tmpdir"), "tviews-local-pg");
    private static final String OWNER_FILE = "owner.pid";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final LocalPostgresBinaries binaries;
    private final Path directory;
    private final int port;
    private final Stopper stopper;
    private final Thread shutdownHook;
    private final Duration startupTime;

    private LocalPostgresServer(LocalPostgresBinaries binaries, Path directory, int port, Stopper stopper,
                                Thread shutdownHook, Duration startupTime) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.stopper = stopper;
        this.shutdownHook = shutdownHook;
        this.startupTime = startupTime;
    }

    /** Stops the server and removes the directory once, whether close() or the shutdown hook comes first. */
    private static final class Stopper implements Runnable {
        private final Path directory;
        private volatile Process process;
        private boolean done;

        Stopper(Path directory) {
            this.directory = directory;
        }

        @Override
        public synchronized void run() {
            if (!done) {
                done = true;
                stop(process, directory);
            }
        }
    }

    /** The settings every local cluster gets (the data is disposable; room for the load runner's pools). */
    static Map<String, String> baseSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", "localhost");
        s.put("max_connections", "200");
        s.put("fsync", "off");
        s.put("synchronous_commit", "off");
        return s;
    }

    static LocalPostgresServer start(LocalPostgresBinaries binaries, Map<String, String> settings) {
        long started = System.nanoTime();
        removeOrphans();
        Path directory = PARENT.resolve("tviews-" + UUID.randomUUID());
        Path data = directory.resolve("data");
        // Registered before anything exists, so that a SIGTERM during startup also cleans up.
        Stopper stopper = new Stopper(directory);
        Thread hook = new Thread(stopper, "tviews-local-pg-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            runToEnd(binaries, directory.resolve("initdb.log"), List.of(binaries.bin().resolve("initdb").toString(),
                    "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binaries.bin().resolve("postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port), "-k", directory.toString()));
            Map<String, String> all = baseSettings();
            all.putAll(settings);
            all.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
            Path log = directory.resolve("server.log");
            stopper.process = unprivileged(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalPostgresServer server = new LocalPostgresServer(binaries, directory, port, stopper, hook,
                    Duration.ofNanos(System.nanoTime() - started));
            server.awaitReady(log);
            return server;
        } catch (IOException | RuntimeException e) {
            removeHook(hook);
            stopper.run();
            String why = e instanceof IOException io ? io.getMessage() : e.getMessage();
            throw new IllegalStateException("Could not start local PostgreSQL " + binaries.major() + " from "
                    + binaries.bin() + " with " + settings + ": " + why, e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            Process process = stopper.process;
            if (!process.isAlive()) {
                throw new IOException("the server exited with code " + process.exitValue() + "; its log ends with:\n"
                        + tail(log));
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), connectionProperties())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the server", e);
            }
        }
        throw new IOException("the server did not accept connections within " + STARTUP_WAIT.toSeconds() + " s ("
                + (last == null ? "" : last.getMessage()) + "); its log ends with:\n" + tail(log));
    }

    /** As root, the command in a new user namespace where it is not root; otherwise as it is. */
    private static ProcessBuilder unprivileged(List<String> command) {
        List<String> all = new ArrayList<>();
        if (isRoot()) {
            all.addAll(List.of("unshare", "-U"));
        }
        all.addAll(command);
        return new ProcessBuilder(all);
    }

    private static void runToEnd(LocalPostgresBinaries binaries, Path log, List<String> command) throws IOException {
        Process p = unprivileged(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("initdb did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during initdb", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("initdb of PostgreSQL " + binaries.major() + " failed with exit code " + p.exitValue()
                    + (isRoot() ? " (as root it runs under unshare -U, which needs user namespaces)" : "")
                    + "; its output ends with:\n" + tail(log));
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /**
     * Fast shutdown (SIGINT: the postmaster ends every backend, then exits) and up to 30 s for it; then
     * SIGKILL. The directory goes in any case.
     */
    private static void stop(Process process, Path directory) {
        if (process != null && process.isAlive()) {
            signal(process.pid(), "INT");
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(directory);
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Directories of JVMs that no longer run (killed with SIGKILL): their servers stopped, the directories removed. */
    private static void removeOrphans() {
        if (!Files.isDirectory(PARENT)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(PARENT)) {
            for (Path dir : dirs.toList()) {
                Optional<Long> owner = readPid(dir.resolve(OWNER_FILE));
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).isPresent()) {
                    continue;
                }
                readPid(dir.resolve("data").resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                        .ifPresent(p -> {
                            signal(p.pid(), "INT");
                            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
                        });
                deleteRecursively(dir);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: an orphan left here only costs disk space.
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + directory + ": " + e.getMessage()
                    + "; remove it by hand", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (or ran) anyway.
        }
    }

    /** The cluster's directory: data directory, Unix socket, server log. */
    Path directory() {
        return directory;
    }

    /** The postmaster's process id. */
    long pid() {
        return stopper.process.pid();
    }

    @Override
    public Optional<Duration> startupTime() {
        return Optional.of(startupTime);
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + JdbcUrls.encodePathSegment(database);
    }

    @Override
    public Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        return p;
    }

    @Override
    public String describe() {
        return "local PostgreSQL " + binaries.major() + " (" + binaries.bin() + ") on localhost:" + port;
    }

    @Override
    public PostgresProvider provider() {
        return PostgresProvider.LOCAL;
    }

    @Override
    public void close() {
        removeHook(shutdownHook);
        stopper.run();
        PostgresServers.closed(this);
    }
}
