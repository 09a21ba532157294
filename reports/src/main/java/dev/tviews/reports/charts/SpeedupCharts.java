package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.ParamSeries;
import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.jmh.Speedups;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.JmhResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Speed-up over full refresh by scale ({@link Speedups}), one chart per RefreshBenchmark method, log–log. */
public final class SpeedupCharts {
    public static final String BENCHMARK = Speedups.BENCHMARK;

    private SpeedupCharts() {
    }

    public static List<Figure> build(List<JmhResult> jmh) {
        Map<String, List<JmhResult>> byMethod = ParamSeries.byMethod(jmh, BENCHMARK);
        if (byMethod.isEmpty()) {
            return List.of(Figure.missing("speedup", "Speed-up over full refresh",
                    "Not measured in this run: jmh.json has no " + BENCHMARK + " results."));
        }
        List<Figure> figures = new ArrayList<>();
        byMethod.forEach((method, rows) -> figures.add(figure(method, rows)));
        return figures;
    }

    private static Figure figure(String method, List<JmhResult> rows) {
        String id = "speedup-" + method;
        String title = "Speed-up over full refresh — " + method;
        Optional<List<Series>> computed = Speedups.of(rows);
        if (computed.isEmpty()) {
            return Figure.missing(id, title, "Not measured in this run: no " + method + " result with strategy="
                    + Strategies.REFRESH_MV + ", the full refresh every speed-up is measured against.");
        }
        List<Series> speedups = computed.get();
        if (speedups.isEmpty()) {
            return Figure.missing(id, title, "Not measured in this run: no incremental strategy was measured at a "
                    + "scale where " + Strategies.REFRESH_MV + " was.");
        }
        XYChart chart = ChartStyle.xy(title, "Rows in the read model (scale, log scale)",
                "Speed-up (×, log scale)");
        ChartStyle.logX(chart);
        ChartStyle.logY(chart,
                speedups.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::yMillis).min().orElse(1),
                speedups.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::yMillis).max().orElse(1));
        Palette palette = new Palette();
        int index = 0;
        for (Series s : speedups) {
            XYSeries xy = chart.addSeries(s.label(),
                    s.points().stream().mapToDouble(Point::x).toArray(),
                    s.points().stream().mapToDouble(Point::yMillis).toArray());
            ChartStyle.line(xy, palette.colour(s.key()), index++);
        }
        return Figure.of(id, chart, reading(speedups));
    }

    private static String reading(List<Series> speedups) {
        double x = ParamLineChart.largestCommonX(speedups, 1).orElseThrow();
        List<String> faster = new ArrayList<>();
        List<String> slower = new ArrayList<>();
        for (Series s : speedups) {
            ParamLineChart.at(s, x).ifPresent(p -> {
                if (p.yMillis() >= 1) {
                    faster.add(Numbers.factor(p.yMillis()) + " with " + s.label());
                } else {
                    slower.add(s.label() + " is " + Numbers.factor(1 / p.yMillis()) + " slower");
                }
            });
        }
        StringBuilder sentence = new StringBuilder("At " + Numbers.count((long) x) + " rows, ");
        if (!faster.isEmpty()) {
            sentence.append("bringing the read model up to date after a single-row write beats a full REFRESH "
                    + "MATERIALIZED VIEW by ").append(ParamLineChart.joinAnd(faster));
            if (!slower.isEmpty()) {
                sentence.append("; ");
            }
        }
        if (!slower.isEmpty()) {
            sentence.append(ParamLineChart.joinAnd(slower)).append(" than a full REFRESH MATERIALIZED VIEW");
        }
        return sentence.append(". Higher is better.").toString();
    }
}
