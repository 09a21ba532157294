package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.Spread;
import dev.tviews.reports.load.StrategyRuns;

import java.util.ArrayList;
import java.util.List;

/** Mean throughput of each strategy's load runs (the median over repetitions), one labelled bar each. */
public final class MeanThroughputChart {
    private MeanThroughputChart() {
    }

    public static Figure build(LoadComparison comparison) {
        return build(comparison, "Throughput by strategy — load runs", "mean-throughput");
    }

    public static Figure build(LoadComparison comparison, String title, String id) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (StrategyRuns g : comparison.strategies()) {
            if (g.throughput().isPresent()) {
                Spread t = g.throughput().get();
                names.add(g.strategy());
                values.add(t.median());
                Long stale = g.staleRows();
                parts.add(g.strategy() + " " + Numbers.sig(t.median()) + " ops/s"
                        + (t.repeated() ? " (" + Numbers.sig(t.min()) + "–" + Numbers.sig(t.max()) + " over "
                        + t.count() + " runs)" : "")
                        + (stale != null && stale > 0 ? " but " + Numbers.count(stale) + " stale rows" : ""));
            }
        }
        if (names.isEmpty()) {
            return Figure.missing(id, title, "Not measured in this run: no load run counted operations.");
        }
        boolean log = StrategyBars.spansDecades(values);
        var chart = StrategyBars.build(title, "Mean throughput (operations/s)", names, values, Numbers::compact);
        return Figure.of(id, chart, "Mean throughput: " + ParamLineChart.joinAnd(parts) + "."
                + (log ? " The axis is logarithmic because the strategies differ by more than ten times." : "")
                + " Higher is better, and only with 0 stale rows.");
    }
}
