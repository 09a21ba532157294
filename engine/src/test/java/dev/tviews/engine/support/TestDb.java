package dev.tviews.engine.support;

import dev.tviews.database.FreshDatabase;
import dev.tviews.engine.Difference;
import dev.tviews.engine.RefreshStats;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewInfo;
import dev.tviews.engine.Tviews;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's own database with the runtime installed, and shortcuts for the assertions tests make. */
public final class TestDb implements AutoCloseable {

    private final FreshDatabase database;
    private final Connection connection;
    private final Tviews tviews;

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
        return tviews.create(TviewDefinition.of(name, select));
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

    /** Asserts that every named TVIEW equals its definition now. */
    public void assertFresh(String... names) throws SQLException {
        for (String name : names) {
            List<Difference> diffs = tviews.verify(name);
            assertThat(diffs).as("differences between %s and its definition", name).isEmpty();
        }
    }

    /**
     * Asserts, by a query of its own rather than the engine's verify, that a tv table holds exactly
     * the rows of {@code definition}: a symmetric EXCEPT ALL, duplicates counted.
     */
    public void assertSameRows(String table, String definition) throws SQLException {
        long differing = scalarLong("SELECT count(*) FROM ((TABLE " + table + " EXCEPT ALL (" + definition
                + ")) UNION ALL ((" + definition + ") EXCEPT ALL TABLE " + table + ")) AS diff");
        assertThat(differing).as("rows of %s that differ from its definition", table).isZero();
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
