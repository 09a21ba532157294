package dev.tviews.benchmarks.load;

import dev.tviews.database.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Samples, on a connection of its own, how many backends of the run's database wait for a
 * heavyweight lock (row, advisory, relation: {@code wait_event_type = 'Lock'}) every
 * {@link #SAMPLE_MILLIS}, and reads the database's deadlock counter before and after, so that a
 * load run can say how much its clients waited for each other, not only how fast they were.
 */
final class LockWaitSampler implements AutoCloseable {

    static final int SAMPLE_MILLIS = 100;

    private static final String WAITING = "SELECT count(*) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()";
    private static final String DEADLOCKS = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()";

    private final Connection connection;
    private final Thread thread;
    private volatile boolean running = true;
    private long samples;
    private long samplesWithWaiters;
    private long waitingSum;
    private int maxWaiting;
    private SQLException failure;

    private LockWaitSampler(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "load-lock-waits");
        thread.setDaemon(true);
    }

    /** A sampler on a new connection to {@code database}; sampling begins with {@link #start}. */
    static LockWaitSampler open(PostgresServer server, String database) throws SQLException {
        return new LockWaitSampler(server.connect(database));
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try (PreparedStatement ps = connection.prepareStatement(WAITING)) {
            while (running) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    record(rs.getInt(1));
                }
                TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
            }
        } catch (SQLException e) {
            synchronized (this) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(int waiting) {
        samples++;
        waitingSum += waiting;
        if (waiting > 0) {
            samplesWithWaiters++;
        }
        maxWaiting = Math.max(maxWaiting, waiting);
    }

    /** What was sampled: stops the sampling first. */
    Result stop() throws SQLException {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure != null) {
                throw new SQLException("Could not sample lock waits of the load run: " + failure.getMessage(),
                        failure.getSQLState(), failure);
            }
            return new Result(samples, samplesWithWaiters, waitingSum * SAMPLE_MILLIS / 1000.0, maxWaiting);
        }
    }

    /**
     * The server's count of deadlocks in this database ({@code pg_stat_database.deadlocks}). Backends
     * report their counts when a transaction ends (at most once a second) and when they exit, so
     * after a run, call {@link #awaitOtherBackendsGone} first.
     */
    long deadlocks() throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
        }
        return deadlocks(connection);
    }

    /** Waits up to two seconds for the other backends of the database to exit (and report their counts). */
    void awaitOtherBackendsGone() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static long deadlocks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DEADLOCKS); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        thread.interrupt();
        connection.close();
    }

    /**
     * @param samples            samples taken
     * @param samplesWithWaiters samples in which at least one backend waited for a lock
     * @param waitSeconds        waiting backends × sampling interval, summed
     * @param maxWaiting         most backends waiting in one sample
     */
    record Result(long samples, long samplesWithWaiters, double waitSeconds, int maxWaiting) {

        double share() {
            return samples == 0 ? 0 : (double) samplesWithWaiters / samples;
        }
    }
}
