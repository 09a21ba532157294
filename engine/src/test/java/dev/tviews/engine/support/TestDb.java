package dev.tviews.engine.support;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.freshness.FreshnessCheck;
import dev.tviews.database.freshness.StaleRow;
import dev.tviews.engine.RefreshStats;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewInfo;
import dev.tviews.engine.Tviews;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's own database with the runtime installed, and shortcuts for the assertions tests make. */
public final class TestDb implements AutoCloseable {

    private final FreshDatabase database;
    private final Connection connection;
    private final Tviews tviews;
    /** The SELECTs this test gave {@link #create}: freshness is judged against them, not the engine's copy. */
    private final Map<String, String> definitions = new HashMap<>();

    TestDb(FreshDatabase database) throws SQLException {
        this(database, database.connect());
    }

    private TestDb(FreshDatabase database, Connection connection) {
        this.database = database;
        this.connection = connection;
        this.tviews = Tviews.on(connection);
    }

    /** The shortcuts over a connection to some other database (a restored copy); the caller closes it. */
    public static TestDb over(Connection connection) {
        return new TestDb(null, connection);
    }

    /** Another connection to the same database, for concurrency tests; the caller closes it. */
    public Connection newConnection() throws SQLException {
        if (database == null) {
            throw new IllegalStateException("a TestDb over a connection cannot open others");
        }
        return database.connect();
    }

    public Connection connection() {
        return connection;
    }

    public Tviews tviews() {
        return tviews;
    }

    public TviewInfo create(String name, String select) throws SQLException {
        TviewInfo created = tviews.create(TviewDefinition.of(name, select));
        definitions.put(name, select);
        return created;
    }

    /** Creates every TVIEW of {@code tviews/<set>.sql}, in order; returns their names. */
    public List<String> createAll(String set) throws SQLException {
        List<String> names = new ArrayList<>();
        for (var e : Definitions.load(set).entrySet()) {
            create(e.getKey(), e.getValue());
            names.add(e.getKey());
        }
        return names;
    }

    public void exec(String... statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public long scalarLong(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /**
     * The rows where a TVIEW and its definition differ now, judged by the project's one freshness
     * oracle ({@link FreshnessCheck}), not by the engine's own {@code verify}. The definition is the
     * SELECT this test gave {@link #create}, or else the text the catalog recorded as written.
     */
    public List<StaleRow> stale(String name) throws SQLException {
        String table;
        String key;
        String recorded;
        String backingView;
        boolean unordered;
        try (var ps = connection.prepareStatement("SELECT tv_table::text, key_column, definition, backing_view::text, "
                + "coalesce((analysis ->> 'unorderedAggregates')::boolean, false) FROM tviews.tview WHERE tv_table = ?::regclass")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no TVIEW named " + name + " to judge; create it first");
                }
                table = rs.getString(1);
                key = rs.getString(2);
                recorded = rs.getString(3);
                backingView = rs.getString(4);
                unordered = rs.getBoolean(5);
            }
        }
        FreshnessCheck check;
        try {
            check = FreshnessCheck.prepare(connection, name, table, definitions.getOrDefault(name, recorded), List.of(key));
        } catch (SQLException e) {
            // After a schema change and recompile the SELECT as written no longer runs; the
            // recompiled definition is the engine's view of it.
            check = FreshnessCheck.prepare(connection, name, table, "SELECT * FROM " + backingView, List.of(key));
        }
        List<StaleRow> stale = check.run(connection);
        return unordered ? withoutReorderedArrays(stale) : stale;
    }

    /**
     * Drops the pairs of one missing and one extra row of a key that are equal once every array is
     * sorted: aggregates without ORDER BY do not define their element order.
     */
    private List<StaleRow> withoutReorderedArrays(List<StaleRow> stale) throws SQLException {
        Map<String, List<StaleRow>> byKey = new java.util.LinkedHashMap<>();
        stale.forEach(s -> byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s));
        List<StaleRow> out = new ArrayList<>();
        for (List<StaleRow> rows : byKey.values()) {
            if (rows.size() == 2 && rows.stream().allMatch(r -> r.copies() == 1)
                    && rows.get(0).missing() != rows.get(1).missing() && sameOnceSorted(rows.get(0).row(), rows.get(1).row())) {
                continue;
            }
            out.addAll(rows);
        }
        return out;
    }

    private boolean sameOnceSorted(String a, String b) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT tviews.canonical(?::jsonb) = tviews.canonical(?::jsonb)")) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Asserts that every named TVIEW equals its definition now (see {@link #stale}). */
    public void assertFresh(String... names) throws SQLException {
        for (String name : names) {
            assertThat(stale(name)).as("rows where %s and its definition differ", name).isEmpty();
        }
    }

    /**
     * Asserts, with the shared oracle rather than the engine's verify, that a tv table holds exactly
     * the rows of {@code definition}: a symmetric EXCEPT ALL, duplicates counted.
     */
    public void assertSameRows(String table, String definition) throws SQLException {
        assertThat(staleRows(table, definition)).as("rows of %s that differ from its definition", table).isEmpty();
    }

    /** The rows where {@code table} and {@code definition} differ, by the shared oracle; empty when equal. */
    public List<StaleRow> staleRows(String table, String definition) throws SQLException {
        return FreshnessCheck.prepare(connection, table, table, definition, List.of()).run(connection);
    }

    public RefreshStats stats(String name) throws SQLException {
        return tviews.transactionStats(name);
    }

    public void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    public void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    public void rollback() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
