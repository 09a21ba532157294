package dev.tviews.reports.jmh;

import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.model.JmhResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Speed-up of each strategy over a full {@code REFRESH MATERIALIZED VIEW} in RefreshBenchmark:
 * time(refresh-mv) / time(strategy) at the same scale, other params equal. "none" (no read model)
 * is left out: it maintains nothing, so its speed-up would mean nothing.
 */
public final class Speedups {
    public static final String BENCHMARK = "RefreshBenchmark";
    public static final String SCALE = "scale";

    private Speedups() {
    }

    /**
     * One series per strategy, y = speed-up (a factor, not milliseconds, despite the point's field name),
     * error its uncertainty from both JMH errors (0: unknown).
     * Empty when refresh-mv was not measured for these rows.
     */
    public static Optional<List<Series>> of(List<JmhResult> rowsOfOneMethod) {
        List<Series> series = ParamSeries.group(rowsOfOneMethod, SCALE, Strategies.PARAM);
        List<Series> full = series.stream().filter(s -> s.key().equals(Strategies.REFRESH_MV)).toList();
        if (full.isEmpty()) {
            return Optional.empty();
        }
        List<Series> result = new ArrayList<>();
        for (Series s : series) {
            if (s.key().equals(Strategies.REFRESH_MV) || s.key().equals(Strategies.NONE)) {
                continue;
            }
            Series base = matchingFull(s, full);
            List<Point> points = new ArrayList<>();
            for (Point p : s.points()) {
                base.points().stream().filter(f -> f.x() == p.x()).findFirst()
                        .ifPresent(f -> points.add(new Point(p.x(), f.yMillis() / p.yMillis(), ratioError(f, p))));
            }
            if (!points.isEmpty()) {
                result.add(new Series(s.key(), s.label(), points));
            }
        }
        return Optional.of(result);
    }

    /**
     * The error of full ÷ strategy from the two JMH errors (relative errors added in quadrature); 0 when either
     * has no error estimate (JMH gives none for a single iteration).
     */
    static double ratioError(Point full, Point strategy) {
        if (full.errorMillis() <= 0 || strategy.errorMillis() <= 0) {
            return 0;
        }
        double ratio = full.yMillis() / strategy.yMillis();
        return ratio * Math.hypot(full.errorMillis() / full.yMillis(), strategy.errorMillis() / strategy.yMillis());
    }

    /** The refresh-mv line with the same extra params (its label past the strategy name), else the first. */
    private static Series matchingFull(Series s, List<Series> full) {
        String extra = s.label().substring(s.key().length());
        return full.stream().filter(f -> f.label().substring(f.key().length()).equals(extra)).findFirst()
                .orElse(full.get(0));
    }
}
