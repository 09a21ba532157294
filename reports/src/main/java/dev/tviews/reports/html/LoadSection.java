package dev.tviews.reports.html;

import dev.tviews.reports.charts.Percentiles;
import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.StrategyRuns;
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
                    run.repetition() == null ? Html.el("strong", run.strategy())
                            : Html.join(Html.el("strong", run.strategy()), Html.text(" run " + run.repetition())), Fragments.text(run.scenario()), Fragments.count(run.clients()),
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

    /**
     * One row per strategy: throughput with the stale rows beside it, latency over all operations and WAL per
     * write, each with its ratio to the reference strategy; medians with min–max when a strategy ran repeatedly.
     */
    static Html strategiesTable(LoadComparison c) {
        if (c.strategies().isEmpty()) {
            return Html.EMPTY;
        }
        String ref = c.reference().map(StrategyRuns::strategy).orElse(null);
        TableBuilder table = new TableBuilder("strategies").column("Strategy").numeric("Runs").numeric("Throughput")
                .numeric(ref == null ? "Ratio" : "÷ " + ref).numeric("Stale rows at end").numeric("p50 latency")
                .numeric("p99 latency").numeric(ref == null ? "Ratio" : "p50 ÷ " + ref).numeric("WAL per write")
                .numeric(ref == null ? "Ratio" : "WAL ÷ " + ref);
        boolean thin = false;
        for (StrategyRuns g : c.strategies()) {
            Long stale = g.staleRows();
            boolean bad = stale != null && stale > 0;
            thin |= g.latencySamples() > 0 && !Percentiles.supported(g.latencySamples(), 99);
            table.row(bad ? "bad" : null, Html.el("strong", g.strategy()), Fragments.count(g.runs().size()),
                    Html.text(g.throughput().map(LoadGlance::opsPerSecond).orElse("—")),
                    ratio(c, g, LoadComparison::medianThroughput),
                    stale == null ? Html.text("no read models") : bad ? Fragments.badge("bad", Numbers.count(stale))
                            : Fragments.badge("good", "0"),
                    latency(g, 50), latency(g, 99),
                    ratio(c, g, x -> x.latencyMillis(50)),
                    Html.text(g.walPerWrite().map(w -> Numbers.bytes(w.median())).orElse("—")),
                    ratio(c, g, LoadComparison::medianWal));
        }
        String repeat = c.repeated() ?  " Throughput is the median of the runs with their min–max in brackets, WAL "
                + "the median; latency percentiles are over all runs' samples together." : "";
        String note = (ref == null ? "" : "Ratios divide each strategy's value by " + ref + "'s"
                + (c.strategies().stream().anyMatch(g -> g.strategy().contains(".")) ? " (of the same variant, e.g. "
                + "tviews-statement.social by " + ref + ".social)" : "") + ".") + repeat
                + (thin ? " * Fewer samples than the percentile needs (100 for p99): the value is about the largest "
                + "sample, not an estimate of the percentile." : "");
        return note.isBlank() ? table.build() : Html.join(table.build(), Html.el("p").cls("footnote").text(note.strip()).build());
    }

    private static Html ratio(LoadComparison c, StrategyRuns g, java.util.function.Function<StrategyRuns, java.util.OptionalDouble> m) {
        java.util.OptionalDouble r = c.ratioToReference(g, m);
        return Html.text(r.isPresent() ? Numbers.factor(r.getAsDouble()) : "—");
    }

    private static Html latency(StrategyRuns g, double p) {
        java.util.OptionalDouble ms = g.latencyMillis(p);
        if (ms.isEmpty()) {
            return Html.text("—");
        }
        String value = Numbers.millis(ms.getAsDouble());
        if (Percentiles.supported(g.latencySamples(), p)) {
            return Html.text(value);
        }
        return Html.el("span").cls("thin").attr("title", "only " + g.latencySamples() + " samples; p" + Numbers.sig(p)
                + " needs " + Numbers.count(Percentiles.samplesNeeded(p))).text(value + " *").build();
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
