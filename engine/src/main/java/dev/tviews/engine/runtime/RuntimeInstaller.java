package dev.tviews.engine.runtime;

import dev.tviews.engine.TviewsException;
import dev.tviews.engine.generate.SqlTemplate;
import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** Installs the SQL runtime (schema {@code tviews} and the {@code pg_tviews_*} functions) into a database. */
public final class RuntimeInstaller {

    /**
     * Bumped whenever the runtime or the generated SQL changes; installing over an older version
     * upgrades in place, and {@code Tviews.install} then recompiles every TVIEW. 2: security
     * (SECURITY DEFINER, pinned search_path, privileges), schema-change guard, health check,
     * monitoring (pg_tviews_queue_stats), batching, suspend/resume, partitioned tv tables. 3: a tv
     * table's unique id is a constraint checked at commit, made only where proven or asked for
     * (the recompile converts the unique index of older TVIEWs in place). 4: the monitoring
     * functions answer read-only on a standby (health check without a temporary table). 5:
     * {@code tviews.verify} runs the project's shared freshness comparison. 6: plain views as sources,
     * their definitions guarded. 7: partitioned tables as sources: triggers on every partition, the
     * partitions compiled against recorded and guarded, a new partition adopted by the DDL guard.
     */
    public static final int VERSION = 7;

    /** Where the build puts the database module's {@code freshness/compare.sql} (engine/pom.xml). */
    private static final String FRESHNESS_COMPARISON = "freshness/compare.sql";

    /** The runtime's SQL files, in the order they are installed. */
    private static final List<String> FILES = List.of("runtime.sql", "monitoring.sql", "maintenance.sql",
            "schema_changes.sql", "health.sql", "security.sql");

    private RuntimeInstaller() {
    }

    /** Installs or upgrades the runtime; returns the version found before (0 when none). Runs in the caller's transaction. */
    public static int install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Two installers at once would interleave their CREATEs.
            st.execute("SELECT pg_advisory_xact_lock(hashtext('tviews.install'))");
            int found = installedVersion(c);
            if (found > VERSION) {
                throw new TviewsException(SqlState.FEATURE_NOT_SUPPORTED, "this database has tviews runtime "
                        + "version " + found + ", newer than this engine's " + VERSION + "; use a newer tviews");
            }
            if (found == VERSION) {
                return found;
            }
            st.execute(script());
            return found;
        }
    }

    /**
     * The whole runtime as one script: {@code runtime.sql}, then the files that build on it, then
     * the version row. Every file is idempotent, so the script also upgrades an older runtime.
     */
    public static String script() {
        StringBuilder sql = new StringBuilder();
        for (String file : FILES) {
            SqlTemplate template = SqlTemplate.load(file);
            sql.append(file.equals("runtime.sql")
                    ? template.render(Map.of("freshness_comparison", freshnessComparison()))
                    : template.text()).append('\n');
        }
        return sql.append("INSERT INTO tviews.runtime_version (version) VALUES (").append(VERSION).append(");\n")
                .toString();
    }

    /**
     * The project's one freshness comparison ({@code compare.sql} of the database module, copied into
     * the engine jar by the build) with its placeholders turned into the {@code format()} arguments
     * of {@code tviews.verify_tview}, so that the SQL function compares exactly as the tests' oracle.
     */
    static String freshnessComparison() {
        return SqlTemplate.load(FRESHNESS_COMPARISON).text()
                .replace("${columns}", "%1$s")
                .replace("${definitionColumns}", "%2$s")
                .replace("${relationColumns}", "%3$s")
                .replace("${definition}", "SELECT * FROM %4$s tviews_row%6$s")
                .replace("${relation}", "(SELECT * FROM %5$s tviews_row%6$s)")
                .replace("${key}", "%7$L");
    }

    /** The installed runtime version, 0 when none is installed. */
    public static int installedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('tviews.runtime_version') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM tviews.runtime_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
