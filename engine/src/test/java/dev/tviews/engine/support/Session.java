package dev.tviews.engine.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One connection of a deterministic interleaving test. A step that may block runs on its own
 * thread; the test knows it is waiting when {@code pg_blocking_pids} of its backend is not
 * empty, as PostgreSQL's isolation tester does, so no test sleeps for a guessed time.
 */
public final class Session implements AutoCloseable {

    private final Connection connection;
    private final int pid;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    public Session(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    public Connection connection() {
        return connection;
    }

    public int pid() {
        return pid;
    }

    public void begin(String isolation) throws SQLException {
        connection.setAutoCommit(false);
        exec("SET TRANSACTION ISOLATION LEVEL " + isolation);
    }

    public void exec(String... statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    public void rollback() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    /** Starts {@code statements} on this session's thread; see {@link #awaitBlockedOrDone}. */
    public Future<Void> start(String... statements) {
        return thread.submit(() -> {
            exec(statements);
            return null;
        });
    }

    /**
     * Waits until the step started on this session has finished or is blocked by another
     * backend; returns true when it is blocked. {@code monitor} is a third connection.
     */
    public boolean awaitBlockedOrDone(Future<Void> step, Connection monitor, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var ps = monitor.prepareStatement("SELECT cardinality(pg_blocking_pids(?)) > 0")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                if (step.isDone()) {
                    return false;
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("session " + pid + " neither finished nor blocked within " + timeout);
    }

    @Override
    public void close() throws SQLException {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
