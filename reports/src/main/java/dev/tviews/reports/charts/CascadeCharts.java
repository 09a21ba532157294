package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.ParamSeries;
import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.JmhResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one write to a parent costs as the number of read-model rows depending on it grows (CascadeBenchmark). */
public final class CascadeCharts {
    public static final String BENCHMARK = "CascadeBenchmark";
    static final String X_PARAM = "fanout";

    private CascadeCharts() {
    }

    public static List<Figure> build(List<JmhResult> jmh) {
        Map<String, List<JmhResult>> byMethod = ParamSeries.byMethod(jmh, BENCHMARK);
        if (byMethod.isEmpty()) {
            return List.of(Figure.missing("cascade", "Cascade cost against fan-out",
                    "Not measured in this run: jmh.json has no " + BENCHMARK + " results."));
        }
        List<Figure> figures = new ArrayList<>();
        byMethod.forEach((method, rows) -> {
            String id = "cascade-" + method;
            String title = "Cascade cost against fan-out — " + method;
            List<Series> series = ParamSeries.group(rows, X_PARAM, Strategies.PARAM);
            if (series.isEmpty()) {
                figures.add(Figure.missing(id, title, "Not measured in this run: no " + method + " result has both "
                        + "a numeric " + X_PARAM + " and a " + Strategies.PARAM + " param with a time score."));
                return;
            }
            var chart = ParamLineChart.timeChart(title, "Dependent read-model rows per write (fan-out, log scale)",
                    "Time per write", series, true);
            figures.add(Figure.of(id, chart, reading(series)));
        });
        return figures;
    }

    private static String reading(List<Series> series) {
        List<Series> lines = series.stream().filter(s -> s.points().size() >= 2).toList();
        if (lines.isEmpty()) {
            Point only = series.get(0).points().get(0);
            return "Only fan-out " + Numbers.count((long) only.x()) + " was measured: " + series.get(0).label()
                    + " takes " + Numbers.millis(only.yMillis()) + " per write (lower is better).";
        }
        boolean sameRange = lines.stream().map(s -> first(s).x() + "-" + last(s).x()).distinct().count() == 1;
        List<String> parts = new ArrayList<>();
        for (Series s : lines) {
            String range = sameRange ? "" : "fan-out " + Numbers.count((long) first(s).x()) + " → "
                    + Numbers.count((long) last(s).x()) + ": ";
            parts.add(Numbers.factor(last(s).yMillis() / first(s).yMillis()) + " with " + s.label() + " (" + range
                    + Numbers.millis(first(s).yMillis()) + " → " + Numbers.millis(last(s).yMillis()) + ")");
        }
        String prefix = sameRange
                ? "From fan-out " + Numbers.count((long) first(lines.get(0)).x()) + " to "
                + Numbers.count((long) last(lines.get(0)).x()) + " the cost of one write grows "
                : "Across the fan-outs measured the cost of one write grows ";
        return prefix + ParamLineChart.joinAnd(parts) + "; lower is better, bars show JMH's 99.9% error.";
    }

    private static Point first(Series s) {
        return s.points().get(0);
    }

    private static Point last(Series s) {
        return s.points().get(s.points().size() - 1);
    }
}
