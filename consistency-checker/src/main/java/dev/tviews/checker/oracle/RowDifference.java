package dev.tviews.checker.oracle;

import java.util.List;

/**
 * A key whose read-model row is missing, extra, or differs from the definition's row.
 *
 * @param differences for {@link Kind#DIFFERS}, every path that differs; empty otherwise
 * @param actualRow   the read model's row as JSON (null when missing)
 * @param expectedRow the definition's row as JSON (null when extra)
 */
public record RowDifference(String key, Kind kind, List<PathDifference> differences, String actualRow,
                            String expectedRow) {

    public enum Kind { MISSING, EXTRA, DIFFERS }

    public RowDifference {
        differences = List.copyOf(differences);
    }

    /** Several lines: the key, then one line per differing path. */
    public String describe(String readModel) {
        return switch (kind) {
            case MISSING -> "key " + key + " missing from " + readModel + ": the definition returns "
                    + PathDifference.shorten(expectedRow);
            case EXTRA -> "key " + key + " extra in " + readModel + ": " + PathDifference.shorten(actualRow)
                    + " (the definition returns no such row)";
            case DIFFERS -> "key " + key + " differs (read model ≠ definition):\n      "
                    + String.join("\n      ", differences.stream().map(PathDifference::toString).toList());
        };
    }
}
