package dev.tviews.engine.analysis;

/** An equality {@code a = b} between columns of two occurrences, from an ON or WHERE conjunct. */
public record Edge(ColumnRef a, ColumnRef b) {

    public boolean touches(Occurrence o) {
        return a.occurrence() == o || b.occurrence() == o;
    }

    /** The end of this edge on {@code o}'s side. */
    public ColumnRef sideOf(Occurrence o) {
        return a.occurrence() == o ? a : b;
    }

    public ColumnRef otherSide(Occurrence o) {
        return a.occurrence() == o ? b : a;
    }

    @Override
    public String toString() {
        return a + " = " + b;
    }
}
