package dev.tviews.scenarios.model;

import java.util.Map;

/** Row counts per table at a named scale such as {@code small}. */
public record Scale(String name, Map<String, RowCount> rows, SourceLocation location) {

    /** A table's row count at a scale and where it was written. */
    public record RowCount(long rows, SourceLocation location) {
    }

    public Scale {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }
}
