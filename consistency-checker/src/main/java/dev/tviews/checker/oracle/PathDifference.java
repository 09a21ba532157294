package dev.tviews.checker.oracle;

/**
 * One place where a read-model row and its definition's row disagree, e.g.
 * {@code $.data.author.name: "Ann" ≠ "Bob"} (read model first, definition second).
 *
 * @param path     a JSONPath-like location inside the row document, e.g. {@code $.data.reviews[2]}
 * @param kind     whether the value differs, is missing from the read model, or is extra in it
 * @param actual   the read model's value as JSON (null when missing)
 * @param expected the definition's value as JSON (null when extra)
 */
public record PathDifference(String path, Kind kind, String actual, String expected) {

    public enum Kind {
        /** Both sides have a value there, and they differ. */
        CHANGED,
        /** The definition has a value the read model lacks. */
        MISSING,
        /** The read model has a value the definition lacks. */
        EXTRA,
        /** An array has the same elements on both sides, in another order. */
        ORDER
    }

    private static final int SHOWN = 160;

    @Override
    public String toString() {
        return switch (kind) {
            case CHANGED -> path + ": " + shorten(actual) + " ≠ " + shorten(expected);
            case MISSING -> path + ": missing (the definition has " + shorten(expected) + ")";
            case EXTRA -> path + ": extra " + shorten(actual) + " (the definition has none)";
            case ORDER -> path + ": the same elements in another order, " + shorten(actual) + " ≠ " + shorten(expected)
                    + " (if the aggregate's ORDER BY has ties, their order is undefined: add a unique tiebreaker)";
        };
    }

    static String shorten(String json) {
        return json.length() <= SHOWN ? json : json.substring(0, SHOWN) + "…";
    }
}
