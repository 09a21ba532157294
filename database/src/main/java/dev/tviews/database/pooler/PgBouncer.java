package dev.tviews.database.pooler;

import dev.tviews.database.LocalResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway PgBouncer in transaction pooling mode in front of one PostgreSQL server: what
 * Supabase, Neon and most PgBouncer set-ups put between an application and its database.
 * Consecutive transactions of one client may run on different server sessions, and one server
 * session serves many clients. It lives in a temporary directory and is stopped (and the
 * directory removed) by {@link #close}, or by a shutdown hook if the JVM ends first.
 */
public final class PgBouncer implements AutoCloseable {

    private static final List<String> SEARCHED = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
            "/usr/local/bin/pgbouncer");

    private final Process process;
    private final Path directory;
    private final int port;
    private final Thread hook;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.hook = new Thread(this::stop, "pgbouncer-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The pgbouncer binary: {@code TVIEWS_PGBOUNCER}, else the usual install locations, else the PATH. */
    public static Optional<Path> find() {
        String env = System.getenv("TVIEWS_PGBOUNCER");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env.trim())).filter(Files::isExecutable);
        }
        for (String s : SEARCHED) {
            if (Files.isExecutable(Path.of(s))) {
                return Optional.of(Path.of(s));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "pgbouncer");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts PgBouncer in transaction mode in front of {@code host:serverPort}, every database name
     * passed through, server connections made as {@code serverUser}, at most {@code poolSize} server
     * sessions per database and user.
     */
    public static PgBouncer start(Path binary, String host, int serverPort, String serverUser, int poolSize) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tviews-pgbouncer-");
            int port = LocalResources.freePort();
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    "* = host=" + host + " port=" + serverPort + " user=" + serverUser,
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    // Clients are not authenticated by this throwaway pooler; the server sees serverUser.
                    "auth_type = any",
                    "pool_mode = transaction",
                    "default_pool_size = " + poolSize,
                    "max_client_conn = 200",
                    "server_reset_query =",
                    "ignore_startup_parameters = extra_float_digits,options,search_path",
                    "logfile = " + dir.resolve("pgbouncer.log"),
                    "pidfile = " + dir.resolve("pgbouncer.pid"),
                    ""), StandardCharsets.UTF_8);
            // World-readable: as root, PgBouncer must switch to an unprivileged user (-u) that reads it.
            dir.toFile().setReadable(true, false);
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            ini.toFile().setReadable(true, false);
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(ini.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(p, dir, port);
            bouncer.awaitListening(Duration.ofSeconds(10));
            return bouncer;
        } catch (IOException e) {
            LocalResources.deleteTree(dir);
            throw new UncheckedIOException("could not start PgBouncer " + binary + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** A pgjdbc URL of {@code database} through the pooler. PgBouncer before 1.21 cannot keep named prepared statements. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?prepareThreshold=0";
    }

    private void awaitListening(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                stop();
                throw new IOException("PgBouncer exited with " + process.exitValue() + ": " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                    throw new IOException("interrupted while PgBouncer was starting", e);
                }
            }
        }
        String log = log();
        stop();
        throw new IOException("PgBouncer did not listen on port " + port + " within " + limit.toSeconds() + " s: " + log);
    }

    /** What PgBouncer logged so far, for error messages. */
    public String log() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("stdout.log", "pgbouncer.log")) {
            try {
                sb.append(Files.readString(directory.resolve(f)));
            } catch (IOException e) {
                // not written yet
            }
        }
        return sb.toString().strip();
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
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
