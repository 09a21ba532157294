package dev.tviews.scenarios.workload;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run did.
 *
 * @param errorsByKind   failed operations per error kind (SQLSTATE, {@code no-key} or {@code scenario})
 * @param errorExamples  the first message seen per error kind
 * @param byOperation    counts per operation name
 * @param skipped        operations the strategy does not support, left out of the mix
 */
public record RunResult(String engine, long committed, long failed, long retries, Map<String, Long> errorsByKind,
                        Map<String, String> errorExamples, Map<String, OperationCounts> byOperation, Duration elapsed,
                        List<String> skipped) {

    /** Counts of one operation. */
    public record OperationCounts(long committed, long failed, long retries) {
    }

    public RunResult {
        errorsByKind = Map.copyOf(errorsByKind);
        errorExamples = Map.copyOf(errorExamples);
        byOperation = Map.copyOf(byOperation);
        skipped = List.copyOf(skipped);
    }

    /** Failures per SQLSTATE class (first two characters, e.g. {@code 23} integrity constraint violation). */
    public Map<String, Long> errorsByClass() {
        return errorsByKind.entrySet().stream().collect(Collectors.groupingBy(
                e -> SqlStates.describeClass(e.getKey()), TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
    }

    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : committed / seconds;
    }

    public String summary() {
        String errors = errorsByKind.isEmpty() ? "no errors" : errorsByKind.entrySet().stream()
                .map(e -> e.getValue() + " × " + SqlStates.describe(e.getKey()) + " (e.g. " + errorExamples.get(e.getKey()) + ")")
                .collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "%s: %,d committed, %,d failed, %,d retries in %.1f s (%,.0f tx/s); %s%s", engine, committed,
                failed, retries, elapsed.toMillis() / 1000.0, throughput(), errors,
                skipped.isEmpty() ? "" : "; not supported by this strategy, left out: " + skipped);
    }
}
