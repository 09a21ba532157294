package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.LatencyHistogram;
import dev.tviews.reports.model.LoadRun;
import org.HdrHistogram.Histogram;

import java.util.Comparator;
import java.util.List;

/** Tables of the load runs: totals per strategy, and latency percentiles per operation. */
final class LoadSection {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private LoadSection() {
    }

    static Html runsTable(List<LoadRun> runs) {
        if (runs.isEmpty()) {
            return Fragments.notMeasured("the results folder has no load/<strategy>.json.");
        }
        TableBuilder table = new TableBuilder("load").column("Strategy").column("Scenario").numeric("Clients")
                .numeric("Duration").numeric("Operations").numeric("Mean throughput").numeric("Errors")
                .numeric("WAL per write").numeric("Stale rows at end");
        runs.stream().sorted(Comparator.comparing(LoadRun::strategy, Strategies.ORDER)).forEach(run -> {
            boolean stale = run.staleRowsAtEnd() != null && run.staleRowsAtEnd() > 0;
            table.row(stale ? "bad" : null,
                    Html.el("strong", run.strategy()), Fragments.text(run.scenario()), Fragments.count(run.clients()),
                    Html.text(run.durationSeconds() == null ? "—" : Numbers.sig(run.durationSeconds()) + " s"),
                    Fragments.count(run.totalOperations()),
                    Html.text(run.meanThroughput().isPresent()
                            ? Numbers.sig(run.meanThroughput().getAsDouble()) + " ops/s" : "—"),
                    Fragments.count(run.errors()),
                    Html.text(run.walBytesPerWrite().isPresent()
                            ? Numbers.bytes(run.walBytesPerWrite().getAsDouble()) : "—"),
                    run.staleRowsAtEnd() == null ? Html.text("not checked")
                            : stale ? Fragments.badge("bad", Numbers.count(run.staleRowsAtEnd()))
                            : Fragments.badge("good", "0"));
        });
        return table.build();
    }

    static Html latencyTable(List<LatencyHistogram> latencies) {
        if (latencies.isEmpty()) {
            return Html.EMPTY;
        }
        TableBuilder table = new TableBuilder("latency").column("Operation").column("Strategy").numeric("Count")
                .numeric("p50").numeric("p90").numeric("p99").numeric("p99.9").numeric("Max");
        latencies.stream()
                .sorted(Comparator.comparing(LatencyHistogram::operation)
                        .thenComparing(LatencyHistogram::strategy, Strategies.ORDER))
                .forEach(l -> {
                    Histogram h = l.histogram();
                    table.row(Html.el("code", l.operation()), Html.text(l.strategy()),
                            Html.text(Numbers.count(h.getTotalCount())),
                            percentile(h, 50), percentile(h, 90), percentile(h, 99), percentile(h, 99.9),
                            Html.text(Numbers.millis(h.getMaxValue() / NANOS_PER_MILLI)));
                });
        return table.build();
    }

    private static Html percentile(Histogram h, double p) {
        return Html.text(Numbers.millis(h.getValueAtPercentile(p) / NANOS_PER_MILLI));
    }
}
