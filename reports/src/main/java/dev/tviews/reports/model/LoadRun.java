package dev.tviews.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code load/<strategy>.json}: one load run (a fixed number of clients running a scenario's weighted
 * workload for a fixed time) with one read-model maintenance strategy. Latencies are not here but in
 * {@code histograms/<strategy>/<operation>.hlog}.
 *
 * @param strategy        the maintenance strategy, e.g. "tviews-statement", "hand-written"; also the file name
 * @param scenario        scenario name, e.g. "ecommerce"
 * @param clients         concurrent client connections
 * @param durationSeconds measured duration (after warm-up)
 * @param throughput      operations completed per interval, in time order
 * @param totalOperations operations completed in the measured duration
 * @param errors          operations that failed (serialization failures included)
 * @param writeOperations operations that wrote (the denominator of WAL bytes per write)
 * @param walBytes        WAL generated during the measured duration ({@code pg_wal_lsn_diff} of
 *                        {@code pg_current_wal_lsn()} after and before)
 * @param staleRowsAtEnd  read-model rows that differed from their definition after all clients committed;
 *                        0 is the only correct value
 * @param operations      per-operation totals
 * @param worstSecond     the lowest throughput of any complete one-second interval of the measured run
 *                        ({@link #worstFullSecond}): a stall cannot hide in the mean
 * @param contention      lock waits, deadlocks and serialization failures of the run; null when not measured
 * @param repetition      which of the repeated runs of this strategy this is (1, 2, …; {@code load --repeat N});
 *                        null for a run made once. A repeated run's files are {@code load/<strategy>.r<k>.json} and
 *                        {@code histograms/<strategy>.r<k>/}.
 */
public record LoadRun(String strategy, String scenario, Integer clients, Double durationSeconds,
                      List<ThroughputSample> throughput, Long totalOperations, Long errors,
                      Long writeOperations, Long walBytes, Long staleRowsAtEnd,
                      List<OperationTotals> operations, Double worstSecond, Contention contention,
                      Integer repetition) {

    /** Separates a strategy from its repetition in file and folder names; strategy names never contain it. */
    public static final String REPETITION_MARK = ".r";

    public LoadRun {
        throughput = Copies.list(throughput);
        operations = Copies.list(operations);
    }

    /** A run made once. */
    public LoadRun(String strategy, String scenario, Integer clients, Double durationSeconds,
                   List<ThroughputSample> throughput, Long totalOperations, Long errors,
                   Long writeOperations, Long walBytes, Long staleRowsAtEnd,
                   List<OperationTotals> operations, Double worstSecond, Contention contention) {
        this(strategy, scenario, clients, durationSeconds, throughput, totalOperations, errors, writeOperations,
                walBytes, staleRowsAtEnd, operations, worstSecond, contention, null);
    }

    /** The name of this run's files: the strategy, with {@code .r<k>} for a repeated run. */
    public static String fileKey(String strategy, Integer repetition) {
        return repetition == null ? strategy : strategy + REPETITION_MARK + repetition;
    }

    @JsonIgnore
    public String fileKey() {
        return fileKey(strategy, repetition);
    }

    /**
     * @param elapsedSeconds end of the interval, seconds since the measured part of the run began
     * @param opsPerSecond   operations completed in the interval divided by its length
     */
    public record ThroughputSample(double elapsedSeconds, double opsPerSecond) {
    }

    /**
     * How much the clients got in each other's way.
     *
     * @param deadlocks             operations that met a deadlock (SQLSTATE 40P01), retried or not
     * @param serializationFailures operations that met a serialization failure (40001), retried or not
     * @param serverDeadlocks       deadlocks the server detected in the run's database
     *                              ({@code pg_stat_database.deadlocks}, after minus before)
     * @param lockWaitSeconds       backend-seconds spent waiting for a lock (heavyweight locks: rows,
     *                              advisory locks, relations), sampled every {@code sampleMillis} from
     *                              {@code pg_stat_activity}: waiting backends × sample interval, summed
     * @param lockWaitShare         share of samples in which at least one backend waited for a lock
     * @param maxWaiting            most backends waiting for a lock in one sample
     * @param sampleMillis          the sampling interval
     */
    public record Contention(Long deadlocks, Long serializationFailures, Long serverDeadlocks,
                             Double lockWaitSeconds, Double lockWaitShare, Integer maxWaiting, Integer sampleMillis) {
    }

    /**
     * The lowest throughput over the complete intervals of {@code samples}: every interval but a last
     * one shorter than 0.9 s (the run's end cuts it). Empty when there is none.
     */
    public static OptionalDouble worstFullSecond(List<ThroughputSample> samples) {
        double previous = 0;
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < samples.size(); i++) {
            ThroughputSample s = samples.get(i);
            boolean partial = i == samples.size() - 1 && s.elapsedSeconds() - previous < 0.9;
            if (!partial) {
                worst = Math.min(worst, s.opsPerSecond());
            }
            previous = s.elapsedSeconds();
        }
        return worst == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(worst);
    }

    /**
     * @param name   operation name as in the scenario file; also the histogram file name
     * @param count  operations completed
     * @param errors operations that failed
     */
    public record OperationTotals(String name, Long count, Long errors) {
    }

    /** WAL bytes per write, empty when either number is missing or no write was made. */
    @JsonIgnore
    public OptionalDouble walBytesPerWrite() {
        if (walBytes == null || writeOperations == null || writeOperations <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) walBytes / writeOperations);
    }

    /** Mean operations per second over the run: totals when known, else the mean of the samples. */
    @JsonIgnore
    public OptionalDouble meanThroughput() {
        if (totalOperations != null && durationSeconds != null && durationSeconds > 0) {
            return OptionalDouble.of(totalOperations / durationSeconds);
        }
        return throughput.stream().mapToDouble(ThroughputSample::opsPerSecond).average();
    }
}
