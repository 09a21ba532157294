package dev.tviews.scenarios.model;

/** A column filled by a generator during the data load. */
public record ColumnSpec(String column, Generator generator, SourceLocation location) {
}
