package dev.tviews.checker.oracle;

import java.time.Duration;
import java.util.List;

/**
 * What the oracle found for one read model: counts of keys missing from it, extra in it, and
 * differing from the definition, and the first few of them in detail, in key order.
 */
public record TargetReport(String name, long missing, long extra, long differing, List<RowDifference> examples,
                           Duration elapsed) {

    public TargetReport {
        examples = List.copyOf(examples);
    }

    public boolean fresh() {
        return missing == 0 && extra == 0 && differing == 0;
    }

    public long problems() {
        return missing + extra + differing;
    }

    /** One summary line, then the examples indented. */
    public String describe() {
        if (fresh()) {
            return name + ": fresh (" + elapsed.toMillis() + " ms)";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(missing).append(" missing, ").append(extra).append(" extra, ")
                .append(differing).append(" differing row").append(differing == 1 ? "" : "s");
        for (RowDifference d : examples) {
            sb.append("\n    ").append(d.describe(name));
        }
        if (examples.size() < problems()) {
            sb.append("\n    … and ").append(problems() - examples.size()).append(" more key")
                    .append(problems() - examples.size() == 1 ? "" : "s");
        }
        return sb.toString();
    }
}
