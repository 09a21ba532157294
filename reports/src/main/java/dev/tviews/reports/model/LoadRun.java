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
 */
public record LoadRun(String strategy, String scenario, Integer clients, Double durationSeconds,
                      List<ThroughputSample> throughput, Long totalOperations, Long errors,
                      Long writeOperations, Long walBytes, Long staleRowsAtEnd,
                      List<OperationTotals> operations) {

    public LoadRun {
        throughput = Copies.list(throughput);
        operations = Copies.list(operations);
    }

    /**
     * @param elapsedSeconds end of the interval, seconds since the measured part of the run began
     * @param opsPerSecond   operations completed in the interval divided by its length
     */
    public record ThroughputSample(double elapsedSeconds, double opsPerSecond) {
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
