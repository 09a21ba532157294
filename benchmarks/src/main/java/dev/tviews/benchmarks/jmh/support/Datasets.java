package dev.tviews.benchmarks.jmh.support;

import dev.tviews.database.PostgresServer;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.generate.LoadReport;
import dev.tviews.scenarios.model.Scale;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data sets the benchmarks run on, each loaded once into a template database of the server and
 * cloned per JMH trial ({@code CREATE DATABASE … TEMPLATE}, a file copy). Whoever needs a data set
 * first loads it: the command line before it starts JMH (with a progress bar), or the first fork.
 * A template counts as loaded once its comment says so, so a load that died half way is redone.
 * All names start with {@value #PREFIX}; the command line drops them when it is done.
 */
public final class Datasets {

    public static final String PREFIX = "tviews_bench_";
    /** Part of every template name: a change to the data below must change it, so old templates are not reused. */
    private static final String VERSION = "v1";
    private static final String READY = "tviews benchmark data set " + VERSION + ", loaded";
    /** Fan-outs of the cascade data sets: one parent with exactly this many children each. */
    public static final List<Integer> FANOUTS = List.of(1, 10, 100, 1_000, 10_000);

    private static volatile boolean showProgress;

    private Datasets() {
    }

    /** Show a progress bar on stderr while loading (the command line's process). */
    public static void showProgress(boolean show) {
        showProgress = show;
    }

    /** The e-commerce scenario with {@code products} products (and five reviews per product). */
    public static String ecommerce(PostgresServer server, int products) throws SQLException {
        String name = PREFIX + "ecommerce_" + products + "_" + VERSION;
        ensure(server, name, c -> load(c, ecommerceScenario(products), scaleName(products)));
        return name;
    }

    /** The e-commerce scenario at 1,000 products plus categories "fanout-k" with exactly k products each. */
    public static String categoryFanout(PostgresServer server) throws SQLException {
        String name = PREFIX + "category_fanout_" + VERSION;
        ensure(server, name, c -> {
            load(c, ecommerceScenario(1_000), scaleName(1_000));
            runWithFanouts(c, "category_fanout.sql");
        });
        return name;
    }

    /** The social scenario at its small scale plus users "fanout-k" with exactly k posts each. */
    public static String userFanout(PostgresServer server) throws SQLException {
        String name = PREFIX + "user_fanout_" + VERSION;
        ensure(server, name, c -> {
            load(c, BundledScenarios.load("social"), "small");
            runWithFanouts(c, "user_fanout.sql");
        });
        return name;
    }

    /** A bundled scenario at one of its own scales, for load runs. */
    public static String scenario(PostgresServer server, Scenario scenario, String scale) throws SQLException {
        String name = PREFIX + scenario.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + scale
                + "_" + VERSION;
        ensure(server, name, c -> load(c, scenario, scale));
        return name;
    }

    /** The e-commerce scenario with an extra scale of exactly {@code products} products. */
    public static Scenario ecommerceScenario(int products) {
        Scenario base = BundledScenarios.load("ecommerce");
        SourceLocation here = SourceLocation.of("benchmarks: " + Datasets.class.getSimpleName());
        Map<String, Scale.RowCount> rows = new LinkedHashMap<>();
        // As the scenario's own scales: 1,000 products in 20 categories, 100,000 in 100, 1,000,000 in 500.
        rows.put("tb_category", new Scale.RowCount(clamp(products / 1_000, 20, 500), here));
        rows.put("tb_supplier", new Scale.RowCount(clamp(products / 2_000, 10, 200), here));
        rows.put("tb_product", new Scale.RowCount(products, here));
        rows.put("tb_review", new Scale.RowCount(5L * products, here));
        Map<String, Scale> scales = new LinkedHashMap<>(base.scales());
        scales.put(scaleName(products), new Scale(scaleName(products), rows, here));
        return new Scenario(base.name(), base.description(), base.source(), base.seed(), base.schema(), base.tviews(),
                base.tables(), scales, base.operations(), base.reads());
    }

    public static String scaleName(int products) {
        return "products_" + products;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Loads with a line on stderr before and after (a JMH fork's stderr reaches the console too), and a bar when asked. */
    private static void load(Connection c, Scenario scenario, String scale) throws SQLException {
        System.err.printf(Locale.ROOT, "loading data set: %s at scale %s%n", scenario.name(), scale);
        LoadReport report = DataLoader.load(c, scenario, scale, showProgress ? LoadOptions.withProgress() : LoadOptions.quiet());
        System.err.println(report.summary());
    }

    private static void runWithFanouts(Connection c, String resource) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (String sql : SqlResource.statements(resource)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (sql.contains("?")) {
                        ps.setArray(1, c.createArrayOf("int4", FANOUTS.toArray()));
                    }
                    ps.execute();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Work that fills a new template database. */
    @FunctionalInterface
    interface Loader {
        void load(Connection connection) throws SQLException;
    }

    /**
     * Creates the template {@code name} unless a complete one exists: empty, or as a copy of
     * {@code fromTemplate} when that is given, then filled by {@code loader}, vacuumed and marked ready.
     * Serialised across processes by an advisory lock, so two forks never build the same template at once.
     */
    static void ensure(PostgresServer server, String name, String fromTemplate, Loader loader) throws SQLException {
        try (Connection admin = server.connect()) {
            long lock = lockKey(name);
            try (PreparedStatement ps = admin.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, lock);
                ps.execute();
            }
            try {
                if (isReady(admin, name)) {
                    return;
                }
                if (fromTemplate == null) {
                    execute(admin, "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
                    execute(admin, "CREATE DATABASE " + Identifiers.quote(name));
                } else {
                    copy(admin, fromTemplate, name);
                }
                try (Connection c = server.connect(name)) {
                    loader.load(c);
                    long start = System.nanoTime();
                    // Visibility map and statistics set once, so every clone plans and scans alike.
                    execute(c, "VACUUM (ANALYZE)");
                    Timing.log("vacuumed " + name, start);
                }
                execute(admin, "COMMENT ON DATABASE " + Identifiers.quote(name) + " IS " + Identifiers.literal(READY));
            } finally {
                try (PreparedStatement ps = admin.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, lock);
                    ps.execute();
                }
            }
        }
    }

    static void ensure(PostgresServer server, String name, Loader loader) throws SQLException {
        ensure(server, name, null, loader);
    }

    /** Copies {@code template} into a new database {@code name} (replacing one of that name): a file copy. */
    /** {@code name} as a new copy of {@code template} (an old {@code name} dropped first). */
    public static void copy(Connection admin, String template, String name) throws SQLException {
        // FILE_COPY (PostgreSQL 15+) copies the directory in one go, without writing the copy to WAL.
        String strategy = admin.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : "";
        execute(admin, "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
        dev.tviews.database.TemplateDatabase.createFromTemplate(admin,
                "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template) + strategy, template);
    }

    /** Drops {@code database} if it exists, ending any session still connected to it. */
    static void drop(PostgresServer server, String database) throws SQLException {
        try (Connection admin = server.connect()) {
            execute(admin, "DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
        }
    }

    /** Drops every database whose name starts with {@value #PREFIX} and is not in {@code keep}; returns how many. */
    public static int dropAll(PostgresServer server, java.util.Set<String> keep) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (Connection admin = server.connect();
             PreparedStatement ps = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1")) {
            ps.setString(1, PREFIX + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        int dropped = 0;
        for (String name : names) {
            if (!keep.contains(name)) {
                drop(server, name);
                dropped++;
            }
        }
        return dropped;
    }

    /** Names of the benchmark databases on the server now. */
    public static java.util.Set<String> existing(PostgresServer server) throws SQLException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (Connection admin = server.connect();
             PreparedStatement ps = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            ps.setString(1, PREFIX + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static boolean isReady(Connection admin, String name) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && READY.equals(rs.getString(1));
            }
        }
    }

    private static long lockKey(String name) {
        return 0x7476_6965_0000_0000L ^ name.hashCode();
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
