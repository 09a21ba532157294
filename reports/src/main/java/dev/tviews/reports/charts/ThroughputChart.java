package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.LoadRun.ThroughputSample;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Operations per second over the course of each load run, one line per strategy. */
public final class ThroughputChart {
    private ThroughputChart() {
    }

    public static Figure build(List<LoadRun> runs) {
        String title = "Throughput over time — load runs";
        List<LoadRun> withSamples = runs.stream().filter(r -> !r.throughput().isEmpty())
                .sorted(Comparator.comparing(LoadRun::strategy, Strategies.ORDER)
                        .thenComparing(r -> r.repetition() == null ? 0 : r.repetition())).toList();
        if (withSamples.isEmpty()) {
            return Figure.missing("throughput", title,
                    "Not measured in this run: no load/<strategy>.json with throughput samples.");
        }
        XYChart chart = ChartStyle.xy(title, "Time since the measured part began (s)", "Throughput (operations/s)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMaxLabelCount(10);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Numbers::compact);
        Palette palette = new Palette();
        int index = 0;
        for (LoadRun run : withSamples) {
            XYSeries series = chart.addSeries(run.repetition() == null ? run.strategy()
                            : run.strategy() + " run " + run.repetition(),
                    run.throughput().stream().mapToDouble(ThroughputSample::elapsedSeconds).toArray(),
                    run.throughput().stream().mapToDouble(ThroughputSample::opsPerSecond).toArray());
            ChartStyle.line(series, palette.colour(run.strategy()), index++);
        }
        return Figure.of("throughput", chart, reading(withSamples));
    }

    private static String reading(List<LoadRun> runs) {
        List<String> means = new ArrayList<>();
        LoadRun dipRun = runs.get(0);
        ThroughputSample dip = null;
        for (LoadRun run : runs) {
            String name = run.repetition() == null ? run.strategy() : run.strategy() + " run " + run.repetition();
            run.meanThroughput().ifPresent(m -> means.add(name + " " + Numbers.sig(m) + " ops/s"));
            for (ThroughputSample s : run.throughput()) {
                if (dip == null || s.opsPerSecond() < dip.opsPerSecond()) {
                    dip = s;
                    dipRun = run;
                }
            }
        }
        return "Mean throughput: " + ParamLineChart.joinAnd(means) + "; the lowest interval was "
                + Numbers.sig(dip.opsPerSecond()) + " ops/s (" + (dipRun.repetition() == null ? dipRun.strategy()
                : dipRun.strategy() + " run " + dipRun.repetition()) + " at "
                + Numbers.sig(dip.elapsedSeconds()) + " s). Higher and flatter is better.";
    }
}
