package dev.tviews.scenarios.workload;

import java.time.Duration;
import java.util.Set;

/**
 * How to run a workload.
 *
 * @param connections   worker threads, and the size of the pool
 * @param transactions  stop after this many operations in total (0: no limit)
 * @param duration      stop after this long ({@link Duration#ZERO}: no limit); a run needs at least one of the two limits
 * @param arrivalRate   operations per second across all workers, on a fixed schedule; 0 for closed loop
 *                      (each worker starts its next operation when the last one ended)
 * @param seed          worker {@code i} draws from a stream derived from {@code seed} and {@code i}
 * @param maxRetries    retries of a transaction after 40001 / 40P01 before it counts as failed
 * @param isolation     a {@link java.sql.Connection} {@code TRANSACTION_*} level; other than READ COMMITTED (the
 *                      server default) it is set on every transaction, a round trip each: for timed runs at
 *                      another level, configure the pool's default instead
 * @param includeReads  whether the scenario's reads join the mix
 * @param operations    only these operations (by name); empty for all
 * @param progress      print a progress line on stderr every second
 */
public record RunOptions(int connections, long transactions, Duration duration, double arrivalRate, long seed,
                         int maxRetries, int isolation, boolean includeReads, Set<String> operations, boolean progress) {

    public RunOptions {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, not " + connections);
        }
        if (transactions < 0 || (duration != null && duration.isNegative())) {
            throw new IllegalArgumentException("transactions and duration cannot be negative");
        }
        if (arrivalRate < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("arrival rate and retries cannot be negative");
        }
        duration = duration == null ? Duration.ZERO : duration;
        operations = Set.copyOf(operations);
    }

    /** Closed loop, 4 connections, 1,000 transactions, seed 1, 10 retries, READ COMMITTED, reads included, quiet. */
    public static RunOptions defaults() {
        return new RunOptions(4, 1000, Duration.ZERO, 0, 1, 10, java.sql.Connection.TRANSACTION_READ_COMMITTED, true, Set.of(), false);
    }

    public RunOptions connections(int n) {
        return new RunOptions(n, transactions, duration, arrivalRate, seed, maxRetries, isolation, includeReads, operations, progress);
    }

    public RunOptions transactions(long n) {
        return new RunOptions(connections, n, duration, arrivalRate, seed, maxRetries, isolation, includeReads, operations, progress);
    }

    public RunOptions duration(Duration d) {
        return new RunOptions(connections, transactions, d, arrivalRate, seed, maxRetries, isolation, includeReads, operations, progress);
    }

    public RunOptions arrivalRate(double perSecond) {
        return new RunOptions(connections, transactions, duration, perSecond, seed, maxRetries, isolation, includeReads, operations, progress);
    }

    public RunOptions seed(long s) {
        return new RunOptions(connections, transactions, duration, arrivalRate, s, maxRetries, isolation, includeReads, operations, progress);
    }

    public RunOptions maxRetries(int n) {
        return new RunOptions(connections, transactions, duration, arrivalRate, seed, n, isolation, includeReads, operations, progress);
    }

    public RunOptions isolation(int level) {
        return new RunOptions(connections, transactions, duration, arrivalRate, seed, maxRetries, level, includeReads, operations, progress);
    }

    public RunOptions includeReads(boolean include) {
        return new RunOptions(connections, transactions, duration, arrivalRate, seed, maxRetries, isolation, include, operations, progress);
    }

    public RunOptions operations(Set<String> names) {
        return new RunOptions(connections, transactions, duration, arrivalRate, seed, maxRetries, isolation, includeReads, names, progress);
    }

    public RunOptions progress(boolean show) {
        return new RunOptions(connections, transactions, duration, arrivalRate, seed, maxRetries, isolation, includeReads, operations, show);
    }

    /** Whether the run would end: a count or a duration is set. */
    public boolean bounded() {
        return transactions > 0 || !duration.isZero();
    }

    public boolean closedLoop() {
        return arrivalRate == 0;
    }
}
