package dev.tviews.benchmarks.load;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.ReplicaSessions;
import dev.tviews.database.Replicas;
import dev.tviews.reports.model.ReplicationRun;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures, while a load runs, how long the replicas take to show what the primary committed: it takes the
 * primary's WAL insert position (every commit that has returned lies before it), then polls one replica after
 * the other until it has replayed that far, recording the wait, and how many bytes behind the replica was when
 * asked. The samples follow each other, so each measures one commit-to-visible delay.
 */
final class ReplicationProbe implements AutoCloseable {

    private static final long PAUSE_MILLIS = 20;

    private final PostgresServer primary;
    private final Replicas replicas;
    private final String database;
    private final Histogram lagNanos = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private final long[] conflictsBefore;
    private long maxLagBytes;
    private volatile String error;

    private ReplicationProbe(PostgresServer primary, Replicas replicas, String database) throws SQLException {
        this.primary = primary;
        this.replicas = replicas;
        this.database = database;
        this.conflictsBefore = conflicts();
        this.thread = new Thread(this::probe, "tviews-replication-probe");
        this.thread.setDaemon(true);
    }

    static ReplicationProbe start(PostgresServer primary, Replicas replicas, String database) throws SQLException {
        ReplicationProbe probe = new ReplicationProbe(primary, replicas, database);
        probe.thread.start();
        return probe;
    }

    private void probe() {
        try (Connection p = primary.connect(database); Statement ps = p.createStatement();
             ReplicaSessions readers = replicas.connectAll(database)) {
            List<PreparedStatement> behind = new ArrayList<>();
            for (Connection c : readers.all()) {
                behind.add(c.prepareStatement(
                        "SELECT greatest(0, coalesce(pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn()), 0))::bigint"));
            }
            int next = 0;
            while (!stop.get()) {
                String target;
                try (ResultSet rs = ps.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                    rs.next();
                    target = rs.getString(1);
                }
                long start = System.nanoTime();
                PreparedStatement replayed = behind.get(next);
                next = (next + 1) % behind.size();
                replayed.setString(1, target);
                boolean first = true;
                while (!stop.get()) {
                    long bytes;
                    try (ResultSet rs = replayed.executeQuery()) {
                        rs.next();
                        bytes = rs.getLong(1);
                    }
                    if (first) {
                        synchronized (this) {
                            maxLagBytes = Math.max(maxLagBytes, bytes);
                        }
                        first = false;
                    }
                    if (bytes == 0) {
                        synchronized (this) {
                            lagNanos.recordValue(Math.min(lagNanos.getHighestTrackableValue(), System.nanoTime() - start));
                        }
                        break;
                    }
                    Thread.sleep(1);
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling and returns what was measured for {@code strategy}. */
    ReplicationRun finish(String strategy, boolean readsOnReplicas) throws SQLException, InterruptedException {
        stop.set(true);
        thread.join();
        if (error != null) {
            throw new SQLException("measuring the replicas' lag failed: " + error);
        }
        long[] after = conflicts();
        long conflicts = 0;
        for (int i = 0; i < after.length; i++) {
            conflicts += after[i] - conflictsBefore[i];
        }
        synchronized (this) {
            long n = lagNanos.getTotalCount();
            return new ReplicationRun(strategy, replicas.servers().size(), readsOnReplicas, n,
                    n == 0 ? null : lagNanos.getValueAtPercentile(50) / 1e6,
                    n == 0 ? null : lagNanos.getValueAtPercentile(99) / 1e6,
                    n == 0 ? null : lagNanos.getMaxValue() / 1e6, maxLagBytes, conflicts);
        }
    }

    /** The lag samples, in nanoseconds, for the report's percentile chart. */
    synchronized Histogram lag() {
        return lagNanos.copy();
    }

    /** Queries the replicas cancelled so far in the run's database, per replica. */
    private long[] conflicts() throws SQLException {
        long[] counts = new long[replicas.servers().size()];
        for (int i = 0; i < counts.length; i++) {
            try (Connection c = replicas.servers().get(i).connect(database);
                 PreparedStatement st = c.prepareStatement("SELECT coalesce(sum(confl_tablespace + confl_lock + confl_snapshot"
                         + " + confl_bufferpin + confl_deadlock), 0)::bigint FROM pg_stat_database_conflicts WHERE datname = ?")) {
                st.setString(1, database);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
        }
        return counts;
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
