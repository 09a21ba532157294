package dev.tviews.reports.jmh;

import java.util.Map;
import java.util.Optional;

/**
 * A JMH score unit such as "ms/op" or "ops/s", so scores in different units can be compared:
 * JMH writes whatever {@code @OutputTimeUnit} a benchmark chose, and a baseline run may have chosen another.
 *
 * @param label           the unit as JMH wrote it
 * @param timePerOp       true for "time/op" (lower is better), false for "ops/time" (higher is better)
 * @param secondsPerTime  the time unit in seconds: 1e-3 for "ms"
 */
public record ScoreUnit(String label, boolean timePerOp, double secondsPerTime) {

    private static final Map<String, Double> TIME_UNITS = Map.ofEntries(
            Map.entry("ns", 1e-9), Map.entry("us", 1e-6), Map.entry("µs", 1e-6), Map.entry("μs", 1e-6),
            Map.entry("ms", 1e-3), Map.entry("s", 1.0), Map.entry("sec", 1.0), Map.entry("min", 60.0),
            Map.entry("hr", 3600.0), Map.entry("day", 86400.0));

    public static final ScoreUnit MILLIS_PER_OP = new ScoreUnit("ms/op", true, 1e-3);
    public static final ScoreUnit OPS_PER_SECOND = new ScoreUnit("ops/s", false, 1.0);

    /** Empty for units that are not time per operation or operations per time (e.g. custom counters). */
    public static Optional<ScoreUnit> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.trim().split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        if (parts[1].equals("op") && TIME_UNITS.containsKey(parts[0])) {
            return Optional.of(new ScoreUnit(label.trim(), true, TIME_UNITS.get(parts[0])));
        }
        if (parts[0].equals("ops") && TIME_UNITS.containsKey(parts[1])) {
            return Optional.of(new ScoreUnit(label.trim(), false, TIME_UNITS.get(parts[1])));
        }
        return Optional.empty();
    }

    public boolean lowerIsBetter() {
        return timePerOp;
    }

    /** The canonical unit of this kind: ms/op or ops/s. */
    public ScoreUnit canonical() {
        return timePerOp ? MILLIS_PER_OP : OPS_PER_SECOND;
    }

    public boolean sameKind(ScoreUnit other) {
        return timePerOp == other.timePerOp;
    }

    /** A value (or an error, which scales the same way) in this unit, expressed in {@code target} of the same kind. */
    public double convert(double value, ScoreUnit target) {
        if (!sameKind(target)) {
            throw new IllegalArgumentException("Cannot convert " + label + " to " + target.label);
        }
        return timePerOp ? value * secondsPerTime / target.secondsPerTime
                : value * target.secondsPerTime / secondsPerTime;
    }

    /** Milliseconds per operation, whichever kind this is. */
    public double toMillisPerOp(double value) {
        if (timePerOp) {
            return convert(value, MILLIS_PER_OP);
        }
        return 1000.0 / convert(value, OPS_PER_SECOND);
    }

    /** The error of {@link #toMillisPerOp}: relative error is kept when a throughput is inverted. */
    public double errorToMillisPerOp(double value, double error) {
        if (timePerOp) {
            return convert(error, MILLIS_PER_OP);
        }
        return toMillisPerOp(value) * (error / value);
    }
}
