package dev.tviews.engine;

import dev.tviews.engine.definitions.DefinitionsFile;
import dev.tviews.engine.runtime.RuntimeInstaller;
import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java API of the engine, over one JDBC connection. Each call runs in the connection's
 * transaction when one is open (inside a savepoint, so a refusal leaves it usable), or in a
 * transaction of its own under autocommit. Nothing here runs at write time: the triggers it
 * creates do that, in plain SQL and PL/pgSQL.
 */
public final class Tviews {

    private final Connection c;

    Tviews(Connection c) {
        this.c = c;
    }

    public static Tviews on(Connection connection) {
        return new Tviews(connection);
    }

    /** Installs the runtime, or upgrades an older one in place; idempotent. Returns the version found before. */
    public int install() throws SQLException {
        return inTransaction(() -> {
            int found = RuntimeInstaller.install(c);
            if (found > 0 && found < RuntimeInstaller.VERSION) {
                // The generated SQL of an older runtime: regenerate it, readers after what they read.
                List<String> names = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT tv_table::text FROM tviews.tview ORDER BY depth, id")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                new TviewCompiler(c).recompileAll(names);
            }
            return found;
        });
    }

    /**
     * Re-analyses a TVIEW from its backing view (which follows renames of its sources) and
     * regenerates its functions and triggers, keeping its table, rows and indexes; refreshes it.
     * The way to bring a TVIEW up to date after a schema change made under {@code SET LOCAL tviews.ddl = 'allow'}.
     */
    public TviewInfo recompile(String name) throws SQLException {
        return inTransaction(() -> {
            // Other TVIEWs compiled against the same changed sources share their trigger functions:
            // they are recompiled too, or those functions could not be rebuilt.
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.tv_table::text FROM tviews.tview t
                    WHERE t.id = (tviews.resolve(?)).id
                       OR EXISTS (SELECT 1 FROM tviews.compiled_source cs
                                  WHERE cs.tview_id = t.id AND tviews.source_drift(cs) IS NOT NULL
                                    AND cs.source_table IN (SELECT s.source_table FROM tviews.source s
                                                            WHERE s.tview_id = (tviews.resolve(?)).id))
                    ORDER BY t.depth, t.id""")) {
                ps.setString(1, name);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            new TviewCompiler(c).recompileAll(names);
            return info(name);
        });
    }

    /** Creates a TVIEW: its tv_* table populated from the definition and kept fresh by triggers from now on. */
    public TviewInfo create(TviewDefinition definition) throws SQLException {
        return inTransaction(() -> new TviewCompiler(c).create(definition));
    }

    public TviewInfo create(String name, String select) throws SQLException {
        return create(TviewDefinition.of(name, select));
    }

    /**
     * Creates every TVIEW of a definitions file, in file order, all or none: pg_tviews DDL
     * ({@code CREATE TABLE tv_x AS SELECT …;}) or blocks headed {@code -- name: tv_x}
     * ({@link DefinitionsFile}). A refusal names the line where the failing definition starts.
     */
    public List<TviewInfo> createAll(String definitionsFile, String source) throws SQLException {
        List<DefinitionsFile.Entry> entries = DefinitionsFile.parse(definitionsFile, source);
        return inTransaction(() -> {
            List<TviewInfo> created = new ArrayList<>();
            for (DefinitionsFile.Entry e : entries) {
                try {
                    created.add(new TviewCompiler(c).create(e.definition()));
                } catch (SQLException failure) {
                    throw new TviewsException(source + " line " + e.line() + ": "
                            + TviewsException.bareMessage(failure), failure);
                }
            }
            return created;
        });
    }

    /** Drops a TVIEW and every object the engine made for it; refused while another TVIEW reads it. */
    public void drop(String name) throws SQLException {
        inTransaction(() -> callWithName("SELECT pg_tviews_drop(?)", name));
    }

    /** Recomputes the whole TVIEW from its definition. */
    public void refresh(String name) throws SQLException {
        inTransaction(() -> callWithName("SELECT pg_tviews_refresh(?)", name));
    }

    /**
     * Suspends maintenance of one TVIEW ({@code null}: all) for a bulk load: its triggers' work is
     * left out until {@link #resume}, and reads of it are stale meanwhile.
     */
    public void suspend(String nameOrNull) throws SQLException {
        inTransaction(() -> callWithName("SELECT count(*) FROM pg_tviews_suspend(?)", nameOrNull));
    }

    /** Resumes maintenance of one TVIEW ({@code null}: all) and refreshes it fully, in dependency order. */
    public void resume(String nameOrNull) throws SQLException {
        inTransaction(() -> callWithName("SELECT count(*) FROM pg_tviews_resume(?)", nameOrNull));
    }

    /** Whether a TVIEW batches by default (refreshes once before commit); {@code SET LOCAL tviews.batch} overrides it. */
    public void setBatching(String name, boolean on) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_tviews_set_batching(?, ?)")) {
                ps.setString(1, name);
                ps.setBoolean(2, on);
                ps.execute();
            }
            return null;
        });
    }

    /** {@code pg_tviews_queue_stats()} as JSON text (fields in docs/operations.md). */
    public String queueStats() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_tviews_queue_stats()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Switches every TVIEW of the database to statement-level or row-level triggers. */
    public void setTriggerMode(TriggerMode mode) throws SQLException {
        inTransaction(() -> callWithName("SELECT tviews.set_trigger_mode(?)", mode.sqlName()));
    }

    public TriggerMode triggerMode() throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM tviews.setting WHERE name = 'trigger_mode'")) {
            rs.next();
            return TriggerMode.fromSql(rs.getString(1));
        }
    }

    /** Every TVIEW, in creation order. */
    public List<TviewInfo> list() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tv_table::text FROM tviews.tview ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<TviewInfo> result = new ArrayList<>();
        for (String n : names) {
            result.add(info(n));
        }
        return result;
    }

    /** One TVIEW's catalog entry; SQLSTATE 42704 when there is none. */
    public TviewInfo info(String name) throws SQLException {
        return new CatalogRecords(c).info(name);
    }

    /**
     * The keys whose tv_* row is missing, extra or different from what the definition returns
     * now (a symmetric EXCEPT ALL); empty when the TVIEW is fresh.
     */
    public List<Difference> verify(String name) throws SQLException {
        List<Difference> diffs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, problem FROM tviews.verify(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    diffs.add(new Difference(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return diffs;
    }

    /** What the engine refreshed in the current transaction, per TVIEW. */
    public List<RefreshStats> transactionStats() throws SQLException {
        List<RefreshStats> stats = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM tviews.transaction_stats()")) {
            while (rs.next()) {
                stats.add(new RefreshStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9)));
            }
        }
        return stats;
    }

    /** This transaction's figures for one TVIEW (zeros when nothing was refreshed). */
    public RefreshStats transactionStats(String name) throws SQLException {
        String table = info(name).table();
        return transactionStats().stream().filter(s -> s.tview().equals(table)).findFirst()
                .orElseThrow(() -> new TviewsException(SqlState.UNDEFINED_OBJECT, "TVIEW " + name + " vanished"));
    }

    private Void callWithName(String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.execute();
        }
        return null;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
            try {
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        Savepoint sp = c.setSavepoint();
        try {
            T result = work.run();
            c.releaseSavepoint(sp);
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback(sp);
            throw e;
        }
    }
}
