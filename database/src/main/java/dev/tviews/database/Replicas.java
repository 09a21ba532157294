package dev.tviews.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read replicas of a primary for one run: {@code count} embedded standbys started from an
 * embedded primary, or one replica of the user's own given by URL (a managed read replica). Closing
 * stops the standbys this object started; a replica given by URL is only disconnected from.
 */
public final class Replicas implements AutoCloseable {

    private final PostgresServer primary;
    private final List<PostgresServer> servers;
    /** Standbys started here, after turning synchronous commit on in the primary (undone on close). */
    private final boolean startedHere;
    private boolean closed;

    private Replicas(PostgresServer primary, List<PostgresServer> servers, boolean startedHere) {
        this.primary = primary;
        this.servers = List.copyOf(servers);
        this.startedHere = startedHere;
    }

    /** No replica: {@link #servers()} is empty. */
    public static Replicas none(PostgresServer primary) {
        return new Replicas(primary, List.of(), false);
    }

    /**
     * {@code count} standbys of {@code primary} (embedded only), or the replica at {@code replicaUrl} when given
     * (then {@code count} must be 0 or 1).
     */
    public static Replicas open(PostgresServer primary, int count, Optional<String> replicaUrl) {
        if (count < 0) {
            throw new IllegalArgumentException("--replicas " + count + ": give 0 or more");
        }
        if (replicaUrl.isPresent()) {
            if (count > 1) {
                throw new IllegalArgumentException("--replicas " + count + " with --replica-jdbc-url: one URL names one "
                        + "replica; leave out --replicas or give 1");
            }
            return new Replicas(primary, List.of(ExternalPostgresServer.open(replicaUrl.get())), false);
        }
        if (count > 0 && primary.provider() != PostgresProvider.EMBEDDED) {
            throw new IllegalArgumentException("--replicas " + count + ": standbys are started for the embedded server "
                    + "only, not for " + primary.describe() + "; for a server of your own, give its replica's URL with "
                    + "--replica-jdbc-url");
        }
        List<PostgresServer> started = new ArrayList<>();
        try {
            if (count > 0) {
                commitSynchronously(primary);
            }
            for (int i = 0; i < count; i++) {
                started.add(EmbeddedStandby.of(primary));
            }
        } catch (RuntimeException e) {
            started.forEach(PostgresServer::close);
            if (count > 0) {
                commitAsBefore(primary);
            }
            throw e;
        }
        return new Replicas(primary, started, count > 0);
    }

    /** One session on each replica, connected to {@code database}, for polling them while the primary is written. */
    public ReplicaSessions connectAll(String database) throws SQLException {
        return ReplicaSessions.open(servers, database);
    }

    public List<PostgresServer> servers() {
        return servers;
    }

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** Waits until every replica has replayed all the primary has written so far. */
    public void awaitReplay(Duration limit) {
        for (PostgresServer replica : servers) {
            awaitReplay(primary, replica, limit);
        }
    }

    /** How many bytes of WAL {@code replica} has still to replay to reach the primary's insert position. */
    public long lagBytes(PostgresServer replica) throws SQLException {
        String target = insertPosition(primary);
        try (Connection c = replica.connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT greatest(0, coalesce(pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn()), 0))::bigint")) {
            st.setString(1, target);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Waits until {@code replica} has replayed everything {@code primary} wrote so far (asynchronous commits
     * included: the insert position, not the flushed one).
     */
    public static void awaitReplay(PostgresServer primary, PostgresServer replica, Duration limit) {
        try {
            String target = insertPosition(primary);
            long deadline = System.nanoTime() + limit.toNanos();
            try (Connection s = replica.connect();
                 PreparedStatement replayed = s.prepareStatement("SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
                replayed.setString(1, target);
                while (true) {
                    try (ResultSet rs = replayed.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the replica " + replica.describe() + " did not replay up to " + target
                                + " within " + limit.toSeconds() + " s: is replication running (pg_stat_replication on the "
                                + "primary)? is it a replica of this primary?");
                    }
                    Thread.sleep(20);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compare the WAL positions of " + primary.describe() + " and "
                    + replica.describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + replica.describe(), e);
        }
    }

    /**
     * The embedded server commits asynchronously (zonky's default), so its WAL reaches a standby only when the WAL
     * writer flushes it, every 200 ms; a primary with standbys commits as production primaries do, so that the lag
     * measured is replication's own (for the sessions opened from now on; fsync stays off, so it costs no disk
     * flush).
     */
    private static void commitSynchronously(PostgresServer primary) {
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            // For the role, not the system: zonky passes its settings on the command line, which outranks ALTER SYSTEM.
            st.execute("ALTER ROLE CURRENT_USER SET synchronous_commit = on");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not turn synchronous_commit on in " + primary.describe()
                    + " before starting its standbys: " + e.getMessage(), e);
        }
    }

    /** Undoes {@link #commitSynchronously}, so that a primary that lives on (a shared test server) is as it was. */
    private static void commitAsBefore(PostgresServer primary) {
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE CURRENT_USER RESET synchronous_commit");
        } catch (SQLException | RuntimeException ignored) {
            // the primary is stopping too, or already gone: nothing of the setting outlives it
        }
    }

    private static String insertPosition(PostgresServer primary) throws SQLException {
        try (Connection p = primary.connect(); Statement ps = p.createStatement();
             ResultSet lsn = ps.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            lsn.next();
            return lsn.getString(1);
        }
    }

    /** Stops the standbys started here; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PostgresServer replica : servers) {
            replica.close();
        }
        if (startedHere) {
            commitAsBefore(primary);
        }
    }
}
