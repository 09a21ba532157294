package dev.tviews.engine.analysis;

/** One join step of a mapping: rows of {@code to} whose {@code to.column} equals {@code from.column}. */
public record Hop(ColumnRef from, ColumnRef to) {

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
