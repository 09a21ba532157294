package dev.tviews.benchmarks.results;

import dev.tviews.database.PostgresServer;
import dev.tviews.reports.model.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The environment a run records: PostgreSQL's version and the settings that change the numbers, the JVM, the commit. */
public final class EnvironmentProbe {

    /** Settings that move write costs; recorded with every result. */
    static final List<String> SETTINGS = List.of("server_version", "synchronous_commit", "fsync", "full_page_writes",
            "wal_level", "shared_buffers", "work_mem", "max_connections", "jit", "plan_cache_mode");

    private EnvironmentProbe() {
    }

    public static Environment probe(PostgresServer server, String profile) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        String version;
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                version = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT name, setting || coalesce(unit, '') FROM pg_settings "
                    + "WHERE name = ANY ('{" + String.join(",", SETTINGS) + "}') ORDER BY name")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Environment.ofThisJvm(version, settings, server.provider().label(), gitCommit(), profile);
    }

    /** The checkout's commit, or "unknown" outside a git checkout or without git. */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
