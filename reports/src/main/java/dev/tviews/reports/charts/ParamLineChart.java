package dev.tviews.reports.charts;

import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A log–log chart of JMH times against a numeric param, one line per series, with JMH's error as bars. */
final class ParamLineChart {
    private ParamLineChart() {
    }

    static XYChart timeChart(String title, String xTitle, String yWhat, List<Series> series, boolean errorBars) {
        List<Double> all = new ArrayList<>();
        series.forEach(s -> s.points().forEach(p -> all.add(p.yMillis())));
        TimeAxis axis = TimeAxis.forMillis(all);
        XYChart chart = ChartStyle.xy(title, xTitle, yWhat + " (" + axis.unit() + ", log scale)");
        ChartStyle.logX(chart);
        ChartStyle.logY(chart, all.stream().mapToDouble(axis::fromMillis).filter(v -> v > 0).min().orElse(1),
                all.stream().mapToDouble(axis::fromMillis).max().orElse(1));
        Palette palette = new Palette();
        int index = 0;
        for (Series s : series) {
            List<Point> points = s.points().stream().filter(p -> p.x() > 0 && p.yMillis() > 0).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(Point::x).toArray();
            double[] y = points.stream().mapToDouble(p -> axis.fromMillis(p.yMillis())).toArray();
            XYSeries xy;
            if (errorBars) {
                // A bar reaching zero or below cannot be drawn on a log axis; it is cut at a tenth of the value.
                double[] e = points.stream()
                        .mapToDouble(p -> Math.min(axis.fromMillis(p.errorMillis()), 0.9 * axis.fromMillis(p.yMillis())))
                        .toArray();
                xy = chart.addSeries(s.label(), x, y, e);
            } else {
                xy = chart.addSeries(s.label(), x, y);
            }
            ChartStyle.line(xy, palette.colour(s.key()), index++);
        }
        return chart;
    }

    /** The y of the series at x, if measured. */
    static Optional<Point> at(Series series, double x) {
        return series.points().stream().filter(p -> p.x() == x).findFirst();
    }

    /** The largest x at which at least {@code minSeries} series have a point. */
    static Optional<Double> largestCommonX(List<Series> series, int minSeries) {
        return series.stream().flatMap(s -> s.points().stream()).map(Point::x).distinct()
                .filter(x -> series.stream().filter(s -> at(s, x).isPresent()).count() >= minSeries)
                .max(Double::compare);
    }

    /** "a, b and c". */
    static String joinAnd(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
