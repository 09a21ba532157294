package dev.tviews.reports.load;

import dev.tviews.reports.model.LoadRun;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every load run of one strategy (one, or {@code --repeat N} of them) with the latencies of all its operations.
 *
 * @param strategy  the strategy (the runs' label)
 * @param runs      its runs, in repetition order
 * @param latencies every operation's latencies added together, over all runs; null when no histogram was written
 */
public record StrategyRuns(String strategy, List<LoadRun> runs, Histogram latencies) {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public StrategyRuns {
        runs = List.copyOf(runs);
    }

    public Optional<Spread> throughput() {
        return Spread.of(runs.stream().map(LoadRun::meanThroughput).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList());
    }

    public Optional<Spread> walPerWrite() {
        return Spread.of(runs.stream().map(LoadRun::walBytesPerWrite).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList());
    }

    /** Stale rows summed over the runs that counted them; null when none did (strategy "none"). */
    public Long staleRows() {
        List<Long> counted = runs.stream().map(LoadRun::staleRowsAtEnd).filter(java.util.Objects::nonNull).toList();
        return counted.isEmpty() ? null : counted.stream().mapToLong(Long::longValue).sum();
    }

    /** Percentile {@code p} of all operations' latencies, in milliseconds. */
    public OptionalDouble latencyMillis(double p) {
        if (latencies == null || latencies.getTotalCount() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(latencies.getValueAtPercentile(p) / NANOS_PER_MILLI);
    }

    public long latencySamples() {
        return latencies == null ? 0 : latencies.getTotalCount();
    }
}
