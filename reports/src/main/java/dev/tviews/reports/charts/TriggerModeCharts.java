package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.ParamSeries;
import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.model.JmhResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Row-level against statement-level triggers by rows per statement, one chart per TriggerModeBenchmark method. */
public final class TriggerModeCharts {
    public static final String BENCHMARK = "TriggerModeBenchmark";
    static final String X_PARAM = "batchSize";
    static final String SERIES_PARAM = "mode";

    private TriggerModeCharts() {
    }

    public static List<Figure> build(List<JmhResult> jmh) {
        Map<String, List<JmhResult>> byMethod = ParamSeries.byMethod(jmh, BENCHMARK);
        if (byMethod.isEmpty()) {
            return List.of(Figure.missing("trigger-mode", "Row vs statement triggers",
                    "Not measured in this run: jmh.json has no " + BENCHMARK + " results."));
        }
        List<Figure> figures = new ArrayList<>();
        byMethod.forEach((method, rows) -> {
            String id = "trigger-mode-" + method;
            String title = "Row vs statement triggers — " + method;
            List<Series> series = ParamSeries.group(rows, X_PARAM, SERIES_PARAM);
            if (series.isEmpty()) {
                figures.add(Figure.missing(id, title, "Not measured in this run: no " + method + " result has both "
                        + "a numeric " + X_PARAM + " and a " + SERIES_PARAM + " param with a time score."));
                return;
            }
            var chart = ParamLineChart.timeChart(title, "Rows per statement (batch size, log scale)",
                    "Time per statement", series, true);
            figures.add(Figure.of(id, chart, reading(series)));
        });
        return figures;
    }

    private static String reading(List<Series> series) {
        double x = ParamLineChart.largestCommonX(series, Math.min(2, series.size())).orElseThrow();
        List<Series> measured = series.stream().filter(s -> ParamLineChart.at(s, x).isPresent())
                .sorted(Comparator.comparingDouble(s -> ParamLineChart.at(s, x).orElseThrow().yMillis())).toList();
        List<String> values = measured.stream()
                .map(s -> Numbers.millis(ParamLineChart.at(s, x).orElseThrow().yMillis()) + " with " + s.label())
                .toList();
        String at = "At " + Numbers.count((long) x) + " rows per statement, ";
        if (measured.size() < 2) {
            return at + "only " + ParamLineChart.joinAnd(values) + " was measured (time per statement, lower is better).";
        }
        Point fast = ParamLineChart.at(measured.get(0), x).orElseThrow();
        Point slow = ParamLineChart.at(measured.get(measured.size() - 1), x).orElseThrow();
        return at + "one statement takes " + ParamLineChart.joinAnd(values) + " triggers: "
                + measured.get(measured.size() - 1).label() + " is " + Numbers.factor(slow.yMillis() / fast.yMillis())
                + " slower than " + measured.get(0).label() + " (bars: JMH's 99.9% error; lower is better).";
    }
}
