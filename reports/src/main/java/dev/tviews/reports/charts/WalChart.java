package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.StrategyRuns;
import dev.tviews.reports.model.LoadRun;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Write amplification: WAL bytes generated per write operation in the load runs, one bar per strategy. */
public final class WalChart {
    private WalChart() {
    }

    public static Figure build(List<LoadRun> runs) {
        return build(LoadComparison.of(runs, List.of()));
    }

    /** One labelled bar per strategy, the median over its repetitions; a log axis when they span decades. */
    public static Figure build(LoadComparison comparison) {
        String title = "Write amplification — WAL per write";
        List<StrategyRuns> measured = comparison.strategies().stream().filter(g -> g.walPerWrite().isPresent()).toList();
        if (measured.isEmpty()) {
            return Figure.missing("wal", title,
                    "Not measured in this run: no load/<strategy>.json with walBytes and writeOperations.");
        }
        List<String> names = measured.stream().map(StrategyRuns::strategy).toList();
        List<Double> values = measured.stream().map(g -> g.walPerWrite().get().median()).toList();
        boolean log = StrategyBars.spansDecades(values);
        CategoryChart chart = StrategyBars.build(title, "WAL per write (bytes)", names, values, Numbers::compact);
        return Figure.of("wal", chart, reading(measured)
                + (log ? " The axis is logarithmic because the strategies differ by more than ten times." : ""));
    }

    private static String reading(List<StrategyRuns> runs) {
        Optional<StrategyRuns> baseline = runs.stream().filter(r -> r.strategy().equals(Strategies.HAND_WRITTEN)).findFirst();
        List<String> parts = new ArrayList<>();
        for (StrategyRuns run : runs) {
            double perWrite = run.walPerWrite().get().median();
            String part = Numbers.bytes(perWrite) + " with " + run.strategy();
            if (baseline.isPresent() && run != baseline.get()) {
                part += " (" + Numbers.factor(perWrite / baseline.get().walPerWrite().get().median())
                        + " hand-written)";
            }
            parts.add(part);
        }
        return "On average one write generated " + ParamLineChart.joinAnd(parts)
                + " of WAL, which replicas, backups and disks must carry; lower is better.";
    }
}
