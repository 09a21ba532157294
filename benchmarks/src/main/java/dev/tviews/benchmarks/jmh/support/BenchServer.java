package dev.tviews.benchmarks.jmh.support;

import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The PostgreSQL server the JMH benchmarks run against. The command line starts (or connects to) one
 * server and hands it to JMH's forked JVMs: the JDBC URL, credentials included, goes into a file only
 * its owner can read, and the forks get the file's path as the system property {@value #PROPERTY}.
 * The URL itself is never on a command line, so neither {@code ps} nor JMH's JSON (which records the
 * forks' JVM arguments) can show a password.
 */
public final class BenchServer {

    /** System property: path of the file holding the server's JDBC URL. */
    public static final String PROPERTY = "tviews.bench.server";

    private static PostgresServer server;

    private BenchServer() {
    }

    /**
     * The server of this JVM: the one handed over by the command line, or else the process default
     * ({@code TVIEWS_JDBC_URL}, or an embedded server of this JVM's own, stopped when it exits), so a
     * benchmark can also be started from an IDE.
     */
    public static synchronized PostgresServer get() {
        if (server == null) {
            String file = System.getProperty(PROPERTY);
            if (file != null && !file.isBlank()) {
                server = PostgresServers.open(PostgresOptions.external(readUrl(Path.of(file))));
            } else {
                PostgresServer own = PostgresServers.openDefault();
                Runtime.getRuntime().addShutdownHook(new Thread(own::close, "tviews-bench-server-stop"));
                server = own;
            }
        }
        return server;
    }

    /** Uses {@code handedOver} in this JVM too (the command line's own process). */
    public static synchronized void use(PostgresServer handedOver) {
        server = handedOver;
    }

    /**
     * Writes the connection file for {@code s} and returns its path; delete it when the forks are done.
     * The file holds one JDBC URL for the server's maintenance database with every connection property.
     */
    public static Path handOff(PostgresServer s) {
        try {
            Path file = Files.createTempFile("tviews-bench-", ".url",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, urlWithProperties(s), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the server's connection file for the JMH forks in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    static String urlWithProperties(PostgresServer s) {
        Properties props = s.connectionProperties();
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String name : props.stringPropertyNames()) {
            query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(props.getProperty(name), StandardCharsets.UTF_8));
        }
        return s.jdbcUrl(s.maintenanceDatabase()) + query;
    }

    private static String readUrl(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the server's connection file " + file + " (system property "
                    + PROPERTY + "); start the benchmarks with java -jar benchmarks.jar, which writes it", e);
        }
    }
}
