package dev.tviews.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One open session on each replica of a {@link Replicas}, in the same order as {@link Replicas#servers()}, for
 * whatever polls the replicas while the primary is written. Closing closes them all and ignores errors: a replica
 * may already be stopping when the poller ends.
 */
public final class ReplicaSessions implements AutoCloseable {

    private final List<Connection> connections;

    private ReplicaSessions(List<Connection> connections) {
        this.connections = List.copyOf(connections);
    }

    /** Connects to {@code database} on every replica; on a failure, the sessions opened so far are closed. */
    static ReplicaSessions open(List<PostgresServer> replicas, String database) throws SQLException {
        List<Connection> opened = new ArrayList<>();
        try {
            for (PostgresServer replica : replicas) {
                opened.add(replica.connect(database));
            }
        } catch (SQLException | RuntimeException e) {
            new ReplicaSessions(opened).close();
            throw e;
        }
        return new ReplicaSessions(opened);
    }

    /** The session on replica {@code i} of {@link Replicas#servers()}. */
    public Connection get(int i) {
        return connections.get(i);
    }

    public List<Connection> all() {
        return connections;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the replica may be stopping already; nothing is left to release
            }
        }
    }
}
