package dev.tviews.checker.replica;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.ReplicaSessions;
import dev.tviews.database.Replicas;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The oracle on read replicas while the primary is written: every {@code every}, on each replica in turn, one
 * check in one snapshot (a read-only REPEATABLE READ transaction). A TVIEW is written in the transaction of its
 * sources, so every snapshot a replica offers must show tv rows equal to their definitions; the first that does
 * not is kept. {@link #finish} stops the polling, waits for the replicas to replay the last commit and checks
 * once more.
 */
public final class ReplicaOracle implements AutoCloseable {

    private final Replicas replicas;
    private final String database;
    private final Oracle oracle;
    private final Duration every;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private long checks;
    private String firstFailure;
    private String error;

    private ReplicaOracle(Replicas replicas, String database, Oracle oracle, Duration every) {
        this.replicas = replicas;
        this.database = database;
        this.oracle = oracle;
        this.every = every;
        this.thread = new Thread(this::poll, "tviews-replica-oracle");
        this.thread.setDaemon(true);
    }

    /** Starts polling {@code database} on every replica of {@code replicas}. */
    public static ReplicaOracle start(Replicas replicas, String database, Oracle oracle, Duration every) {
        ReplicaOracle watch = new ReplicaOracle(replicas, database, oracle, every);
        watch.thread.start();
        return watch;
    }

    /**
     * The result, once the polling has stopped and every replica has replayed the primary's last write and been
     * checked once more.
     */
    public Result finish(Duration replayLimit) throws InterruptedException {
        stop.set(true);
        thread.join();
        if (error == null) {
            try {
                replicas.awaitReplay(replayLimit);
                for (PostgresServer replica : replicas.servers()) {
                    try (Connection c = replica.connect(database)) {
                        record(replica, oracle.check(c), "after the last commit");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                error = e.getMessage();
            }
        }
        return new Result(replicas.servers().size(), checks, Optional.ofNullable(firstFailure), Optional.ofNullable(error));
    }

    private void poll() {
        try (ReplicaSessions readers = replicas.connectAll(database)) {
            for (Connection c : readers.all()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            while (!stop.get()) {
                for (int i = 0; i < readers.all().size(); i++) {
                    OracleReport report = oracle.check(readers.get(i));
                    readers.get(i).commit();
                    record(replicas.servers().get(i), report, "while the primary was written");
                }
                Thread.sleep(every.toMillis());
            }
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                error = "the oracle could not read the replica: " + e.getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(PostgresServer replica, OracleReport report, String when) {
        checks++;
        if (!report.fresh() && firstFailure == null) {
            firstFailure = String.format(Locale.ROOT, "on %s %s (check %d): %s", replica.describe(), when, checks,
                    report.describe());
        }
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

    /**
     * @param replicas     how many replicas were read
     * @param checks       snapshots checked, over all replicas
     * @param failure      the first snapshot whose read models differed from their definitions
     * @param error        why the replicas could not be checked to the end
     */
    public record Result(int replicas, long checks, Optional<String> failure, Optional<String> error) {

        public boolean passed() {
            return failure.isEmpty() && error.isEmpty();
        }

        public String summary() {
            return String.format(Locale.ROOT, "replicas: %d snapshot(s) checked on %d replica(s), %s", checks, replicas,
                    failure.isPresent() ? "stale read models found" : error.isPresent() ? "stopped: " + error.get()
                            : "0 differences");
        }
    }
}
