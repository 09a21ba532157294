package dev.tviews.engine.analysis;

/** A column of one occurrence. */
public record ColumnRef(Occurrence occurrence, String column) {

    @Override
    public String toString() {
        return occurrence.alias() + "." + column;
    }
}
