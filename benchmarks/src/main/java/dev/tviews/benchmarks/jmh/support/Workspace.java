package dev.tviews.benchmarks.jmh.support;

import dev.tviews.database.PostgresServer;
import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.Tviews;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JMH trial's database: a clone of a data set with one strategy's read models, and one connection
 * with auto-commit off on which the benchmark writes. The read models are created once per data set and
 * strategy family into a template of their own (checked fresh there), so a trial only clones it.
 * Closing drops the clone.
 */
public final class Workspace implements AutoCloseable {

    private static final AtomicInteger CLONES = new AtomicInteger();

    private final PostgresServer server;
    private final String database;
    private final Strategy strategy;
    private final List<TviewDefinition> tviews;
    private final Connection c;
    private final List<KeyedUpsert> upserts = new ArrayList<>();

    private Workspace(PostgresServer server, String database, Strategy strategy, List<TviewDefinition> tviews,
                      Connection c) {
        this.server = server;
        this.database = database;
        this.strategy = strategy;
        this.tviews = tviews;
        this.c = c;
    }

    /** A clone of {@code dataTemplate} with {@code strategy}'s read models of {@code tviews} (in dependency order). */
    public static Workspace open(String dataTemplate, String strategyName, List<TviewDefinition> tviews) throws SQLException {
        PostgresServer server = BenchServer.get();
        Strategy strategy = Strategy.of(strategyName);
        String template = strategy.hasReadModels() ? readModelTemplate(server, dataTemplate, strategy, tviews) : dataTemplate;
        long start = System.nanoTime();
        String clone = cloneOf(server, template);
        Timing.log("cloned " + template, start);
        Connection c = null;
        try {
            c = server.connect(clone);
            if (strategy.mode() == TriggerMode.ROW) {
                Tviews.on(c).setTriggerMode(TriggerMode.ROW);
            }
            settle(c);
            c.setAutoCommit(false);
            return new Workspace(server, clone, strategy, tviews, c);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            drop(server, clone);
            throw e;
        }
    }

    private static String readModelTemplate(PostgresServer server, String dataTemplate, Strategy strategy,
                                            List<TviewDefinition> tviews) throws SQLException {
        String names = String.join(",", tviews.stream().map(TviewDefinition::name).toList());
        String name = dataTemplate + "_" + strategy.family().shortName() + "_"
                + UUID.nameUUIDFromBytes(names.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 6);
        Datasets.ensure(server, name, dataTemplate, c -> {
            long start = System.nanoTime();
            strategy.creator().create(c, tviews);
            // Not checked here: every trial checks its clone after its warm-up writes, before timing.
            Timing.log("created " + names + " with " + strategy.creator().name(), start);
        });
        return name;
    }

    /**
     * The first trial after a template clone ran up to twice as slow as the next ones with the same
     * parameters (the clone's files were still being written back and read in), which charged the
     * difference to whichever strategy a run lists first: write the clone out and read its tables once.
     */
    private static void settle(Connection c) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables "
                    + "WHERE schemaname <> 'tviews'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                st.execute("SELECT count(*) FROM (SELECT * FROM " + table + ") AS t");
            }
        }
        Timing.log("settled the clone", start);
    }

    private static String cloneOf(PostgresServer server, String template) throws SQLException {
        String name = template + "_" + ProcessHandle.current().pid() + "_" + CLONES.incrementAndGet();
        try (Connection admin = server.connect()) {
            Datasets.copy(admin, template, name);
        }
        return name;
    }

    private static void drop(PostgresServer server, String database) throws SQLException {
        Datasets.drop(server, database);
    }

    public Connection connection() {
        return c;
    }

    public Strategy strategy() {
        return strategy;
    }

    public String database() {
        return database;
    }

    /**
     * What a write must do in its transaction for read model {@code tv}: the hand-written upsert restricted
     * on {@code column} (a column of the definition's output) for the hand-written strategy, else nothing.
     */
    public Maintenance maintenance(String tv, String column) throws SQLException {
        if (!strategy.handWritten()) {
            return Maintenance.NONE;
        }
        TviewDefinition definition = tviews.stream().filter(t -> t.name().equals(tv)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No read model " + tv + " in this workspace: " + tviews));
        KeyedUpsert upsert = KeyedUpsert.of(c, definition, column);
        upserts.add(upsert);
        c.commit();
        return Maintenance.of(upsert);
    }

    /** Commits the write, then (materialized views) refreshes every read model in dependency order. */
    public void commit() throws SQLException {
        c.commit();
        if (strategy.refreshesAfterCommit()) {
            try (Statement st = c.createStatement()) {
                for (TviewDefinition tv : tviews) {
                    st.execute("REFRESH MATERIALIZED VIEW " + (strategy.concurrently() ? "CONCURRENTLY " : "")
                            + Identifiers.quote(tv.name()));
                    c.commit();
                }
            }
        }
    }

    public void rollback() throws SQLException {
        c.rollback();
    }

    /** Runs one statement in the current transaction. */
    public void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Whether trials check freshness again after the measurement as well as before it (system property
     * {@value #CHECK_AFTER_PROPERTY}); on by default, the quick profile turns it off to save a full
     * recomputation per trial.
     */
    public static boolean checkAfterMeasurement() {
        return !"false".equals(System.getProperty(CHECK_AFTER_PROPERTY));
    }

    public static final String CHECK_AFTER_PROPERTY = "tviews.bench.checkAfter";

    /** Throws {@link StaleReadModelException} unless every read model equals its definition now. */
    public void requireFresh(String when) throws SQLException {
        if (!strategy.hasReadModels()) {
            return;
        }
        c.commit();
        requireFresh(c, tviews, strategy.name(), when);
        c.commit();
    }

    /**
     * The same check inside the open transaction, for benchmarks that roll their writes back: the
     * transaction sees its own writes, so this checks what the strategy did for them.
     */
    public void requireFreshInTransaction(String when) throws SQLException {
        if (strategy.hasReadModels()) {
            requireFresh(c, tviews, strategy.name(), when);
        }
    }

    static void requireFresh(Connection c, List<TviewDefinition> tviews, String strategy, String when) throws SQLException {
        long start = System.nanoTime();
        List<Freshness.StaleRow> stale = Freshness.check(c, tviews);
        Timing.log("checked freshness " + when, start);
        if (!stale.isEmpty()) {
            throw new StaleReadModelException(String.format(Locale.ROOT,
                    "%d stale read-model row(s) with strategy %s %s; no numbers are reported for a stale read model:%n%s",
                    stale.size(), strategy, when, Freshness.describe(stale)));
        }
    }

    /**
     * Ends a trial: checks the read models once more (unless {@link #checkAfterMeasurement()} says not
     * to), then closes {@code resources} and this workspace, also when the check fails.
     */
    public void finishTrial(AutoCloseable... resources) throws Exception {
        try {
            if (checkAfterMeasurement()) {
                requireFresh("after the measurement");
            }
        } finally {
            try {
                for (AutoCloseable r : resources) {
                    r.close();
                }
            } finally {
                close();
            }
        }
    }

    /** The integer the query returns, at least 1 (e.g. the largest key of a table that may be empty). */
    public int atLeastOne(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Math.max(1, rs.getInt(1));
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            for (KeyedUpsert u : upserts) {
                u.close();
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } finally {
            drop(server, database);
        }
    }
}
