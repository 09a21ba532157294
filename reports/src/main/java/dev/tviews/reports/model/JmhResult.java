package dev.tviews.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;
import java.util.Optional;

/**
 * One element of JMH's {@code -rf json} output ({@code jmh.json}). Only the fields the report uses are
 * read; the rest (jvmArgs among them, which may hold a JDBC URL) are ignored and never shown.
 *
 * @param benchmark     fully qualified method, e.g. "dev.tviews.benchmarks.jmh.RefreshBenchmark.singleRowUpdate"
 * @param mode          "avgt", "sample", "ss" (time per operation) or "thrpt" (operations per time)
 * @param threads       benchmark threads
 * @param forks         forks
 * @param params        {@code @Param} values by name; empty when the benchmark has none
 * @param primaryMetric the measured score
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JmhResult(String benchmark, String mode, Integer threads, Integer forks,
                        Map<String, String> params, Metric primaryMetric) {

    public JmhResult {
        params = Copies.map(params);
    }

    /**
     * @param score      the score; JMH writes "NaN" as a string when it has none
     * @param scoreError half-width of the 99.9% confidence interval; "NaN" when there were too few iterations
     * @param scoreUnit  e.g. "ms/op", "us/op", "ops/s"
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metric(double score, double scoreError, String scoreUnit) {
    }

    /** The benchmark class without its package, e.g. "RefreshBenchmark". */
    @JsonIgnore
    public String className() {
        String withoutMethod = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    /** The benchmark method, e.g. "singleRowUpdate". */
    @JsonIgnore
    public String methodName() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** "RefreshBenchmark.singleRowUpdate". */
    @JsonIgnore
    public String shortName() {
        String className = className();
        return className.isEmpty() ? methodName() : className + "." + methodName();
    }

    @JsonIgnore
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }
}
