package dev.tviews.reports.html;

import dev.tviews.reports.charts.Percentiles;
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
                .numeric("Duration").numeric("Operations").numeric("Mean throughput").numeric("Worst second")
                .numeric("Errors").numeric("Deadlocks (40P01)").numeric("Serialization failures (40001)")
                .numeric("Lock waits").numeric("WAL per write").numeric("Stale rows at end");
        runs.stream().sorted(Comparator.comparing(LoadRun::strategy, Strategies.ORDER)).forEach(run -> {
            boolean stale = run.staleRowsAtEnd() != null && run.staleRowsAtEnd() > 0;
            table.row(stale ? "bad" : null,
                    Html.el("strong", run.strategy()), Fragments.text(run.scenario()), Fragments.count(run.clients()),
                    Html.text(run.durationSeconds() == null ? "—" : Numbers.sig(run.durationSeconds()) + " s"),
                    Fragments.count(run.totalOperations()),
                    Html.text(run.meanThroughput().isPresent()
                            ? Numbers.sig(run.meanThroughput().getAsDouble()) + " ops/s" : "—"),
                    worstSecond(run),
                    Fragments.count(run.errors()),
                    contention(run, LoadRun.Contention::deadlocks), contention(run, LoadRun.Contention::serializationFailures),
                    lockWaits(run),
                    Html.text(run.walBytesPerWrite().isPresent()
                            ? Numbers.bytes(run.walBytesPerWrite().getAsDouble()) : "—"),
                    run.staleRowsAtEnd() == null ? Html.text("not checked")
                            : stale ? Fragments.badge("bad", Numbers.count(run.staleRowsAtEnd()))
                            : Fragments.badge("good", "0"));
        });
        return table.build();
    }

    /** The slowest complete second; a second without a single completed operation is a stall. */
    private static Html worstSecond(LoadRun run) {
        if (run.worstSecond() == null) {
            return Html.text("—");
        }
        String text = Numbers.sig(run.worstSecond()) + " ops/s";
        return run.worstSecond() <= 0 ? Fragments.badge("bad", text) : Html.text(text);
    }

    private static Html contention(LoadRun run, java.util.function.Function<LoadRun.Contention, Long> count) {
        return run.contention() == null ? Html.text("—") : Fragments.count(count.apply(run.contention()));
    }

    /** Backend-seconds waiting for locks, and the share of the run with at least one waiter. */
    private static Html lockWaits(LoadRun run) {
        LoadRun.Contention c = run.contention();
        if (c == null || c.lockWaitSeconds() == null) {
            return Html.text("—");
        }
        return Html.text(Numbers.sig(c.lockWaitSeconds()) + " s (" + Math.round(100 * c.lockWaitShare()) + "% of the run)");
    }

    static Html latencyTable(List<LatencyHistogram> latencies) {
        if (latencies.isEmpty()) {
            return Html.EMPTY;
        }
        boolean thin = latencies.stream().anyMatch(l -> !Percentiles.supported(l.histogram().getTotalCount(), 99.9));
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
        if (!thin) {
            return table.build();
        }
        return Html.join(table.build(), Html.el("p").cls("footnote").text("* Fewer samples than the percentile "
                + "needs (10 for p90, 100 for p99, 1,000 for p99.9): the value is the largest sample seen or close "
                + "to it, not an estimate of that percentile. Run longer for a real tail.").build());
    }

    /** The value, marked with "*" when the count is too small to estimate this percentile. */
    private static Html percentile(Histogram h, double p) {
        String value = Numbers.millis(h.getValueAtPercentile(p) / NANOS_PER_MILLI);
        if (Percentiles.supported(h.getTotalCount(), p)) {
            return Html.text(value);
        }
        return Html.el("span").cls("thin").attr("title", "only " + h.getTotalCount() + " samples; p" + Numbers.sig(p)
                + " needs " + Numbers.count(Percentiles.samplesNeeded(p))).text(value + " *").build();
    }
}
