package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.LoadRun;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Write amplification: WAL bytes generated per write operation in the load runs, one bar per strategy. */
public final class WalChart {
    private WalChart() {
    }

    public static Figure build(List<LoadRun> runs) {
        String title = "Write amplification — WAL per write";
        List<LoadRun> measured = runs.stream().filter(r -> r.walBytesPerWrite().isPresent())
                .sorted(Comparator.comparing(LoadRun::strategy, Strategies.ORDER)).toList();
        if (measured.isEmpty()) {
            return Figure.missing("wal", title,
                    "Not measured in this run: no load/<strategy>.json with walBytes and writeOperations.");
        }
        CategoryChart chart = ChartStyle.category(title, "Strategy", "WAL per write (bytes)");
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Numbers::compact);
        Palette palette = new Palette();
        // One series per strategy, so each bar takes its strategy's colour; the other categories stay null (no bar).
        List<String> names = measured.stream().map(LoadRun::strategy).toList();
        for (LoadRun run : measured) {
            List<Double> values = new ArrayList<>();
            for (String name : names) {
                values.add(name.equals(run.strategy()) ? run.walBytesPerWrite().getAsDouble() : null);
            }
            CategorySeries series = chart.addSeries(run.strategy(), names, values);
            series.setFillColor(palette.colour(run.strategy()));
        }
        return Figure.of("wal", chart, reading(measured));
    }

    private static String reading(List<LoadRun> runs) {
        Optional<LoadRun> baseline = runs.stream().filter(r -> r.strategy().equals(Strategies.HAND_WRITTEN)).findFirst();
        List<String> parts = new ArrayList<>();
        for (LoadRun run : runs) {
            double perWrite = run.walBytesPerWrite().getAsDouble();
            String part = Numbers.bytes(perWrite) + " with " + run.strategy();
            if (baseline.isPresent() && run != baseline.get()) {
                part += " (" + Numbers.factor(perWrite / baseline.get().walBytesPerWrite().getAsDouble())
                        + " hand-written)";
            }
            parts.add(part);
        }
        return "On average one write generated " + ParamLineChart.joinAnd(parts)
                + " of WAL, which replicas, backups and disks must carry; lower is better.";
    }
}
