package dev.tviews.reports.compare;

import java.util.Map;
import java.util.Optional;

/**
 * One benchmark (same method, mode and params) in both runs.
 *
 * @param benchmark     fully qualified JMH benchmark method
 * @param mode          JMH mode, e.g. "avgt"
 * @param params        the {@code @Param} values, sorted by name
 * @param baseline      the baseline's score in {@code unit}, empty when the benchmark is new
 * @param current       the new run's score in {@code unit}, empty when the benchmark was removed
 * @param unit          the unit both scores are given in (the new run's, or the baseline's when removed)
 * @param changePercent (new − baseline) / baseline × 100; empty unless both are present and comparable.
 *                      For time units positive means slower, for throughput units positive means faster.
 * @param status        the verdict, judged against both runs' score errors
 */
public record BenchmarkChange(String benchmark, String mode, Map<String, String> params,
                              Optional<Score> baseline, Optional<Score> current, String unit,
                              Optional<Double> changePercent, ChangeStatus status) {

    public BenchmarkChange {
        params = Map.copyOf(params);
    }

    /**
     * @param value the score
     * @param error JMH's score error (half-width of the 99.9% interval); NaN when JMH had too few iterations
     */
    public record Score(double value, double error) {
    }

    /** "RefreshBenchmark.singleRowUpdate". */
    public String shortName() {
        String withoutMethod = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        String className = withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return className.isEmpty() ? method : className + "." + method;
    }
}
