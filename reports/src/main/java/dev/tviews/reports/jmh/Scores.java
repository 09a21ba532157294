package dev.tviews.reports.jmh;

import dev.tviews.reports.model.JmhResult;

import java.util.OptionalDouble;

/** JMH scores in milliseconds per operation, whatever unit and mode the benchmark reported in. */
public final class Scores {
    private Scores() {
    }

    public static OptionalDouble millisPerOp(JmhResult result) {
        double score = result.primaryMetric().score();
        return ScoreUnit.parse(result.primaryMetric().scoreUnit())
                .filter(u -> Double.isFinite(score) && (u.timePerOp() || score > 0))
                .map(u -> OptionalDouble.of(u.toMillisPerOp(score)))
                .orElse(OptionalDouble.empty());
    }

    /** The score error in ms/op; 0 when JMH had too few iterations to state one ("NaN"). */
    public static double errorMillisPerOp(JmhResult result) {
        double error = result.primaryMetric().scoreError();
        double score = result.primaryMetric().score();
        if (!Double.isFinite(error)) {
            return 0;
        }
        return ScoreUnit.parse(result.primaryMetric().scoreUnit())
                .map(u -> u.errorToMillisPerOp(score, error)).orElse(0.0);
    }
}
