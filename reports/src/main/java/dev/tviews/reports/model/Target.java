package dev.tviews.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One performance target of {@code docs/performance.md} and what this run measured for it.
 * The report decides met or missed itself from {@code measured}, {@code threshold} and {@code better},
 * so the verdict can never disagree with the numbers next to it.
 *
 * @param name        short identifier, e.g. "single-row-update-vs-handwritten"
 * @param description one sentence a person understands, e.g. "Single-row update within 1.25x of a hand-written upsert"
 * @param measured    the value this run measured, in {@code unit}; null when the run did not measure it
 * @param threshold   the limit, in {@code unit}
 * @param unit        unit of measured and threshold, e.g. "ms", "x", "rows", "tps"
 * @param better      which side of the threshold meets the target: "lower" (measured <= threshold) or
 *                    "higher" (measured >= threshold)
 * @param command     the command that reproduces the measurement, e.g. "java -jar benchmarks.jar jmh RefreshBenchmark"
 */
public record Target(String name, String description, Double measured, Double threshold, String unit,
                     Better better, String command) {

    public enum Better {
        @JsonProperty("lower") LOWER,
        @JsonProperty("higher") HIGHER
    }

    public enum Verdict { MET, MISSED, NOT_MEASURED }

    @JsonIgnore
    public Verdict verdict() {
        if (measured == null || threshold == null || better == null || measured.isNaN()) {
            return Verdict.NOT_MEASURED;
        }
        boolean met = better == Better.LOWER ? measured <= threshold : measured >= threshold;
        return met ? Verdict.MET : Verdict.MISSED;
    }
}
