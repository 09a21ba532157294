package dev.tviews.scenarios.generate;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What a load did.
 *
 * @param rows      rows written per table, in load order
 * @param validate  schema creation and validation
 * @param copy      generating and copying the rows, including rebuilding secondary indexes
 * @param finish    foreign-key check, sequences, commit and ANALYZE
 */
public record LoadReport(String scenario, String scale, long seed, Map<String, Long> rows, Duration validate,
                         Duration copy, Duration finish) {

    public LoadReport {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    public Duration total() {
        return validate.plus(copy).plus(finish);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public String summary() {
        return String.format(Locale.ROOT, "loaded %s at scale %s (seed %d): %,d rows in %.1f s (validate %.1f s, copy %.1f s, finish %.1f s)",
                scenario, scale, seed, totalRows(), total().toMillis() / 1000.0, validate.toMillis() / 1000.0,
                copy.toMillis() / 1000.0, finish.toMillis() / 1000.0);
    }
}
