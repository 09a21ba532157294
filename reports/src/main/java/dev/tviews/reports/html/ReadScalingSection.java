package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.charts.LatencyCharts;
import dev.tviews.reports.model.LatencyHistogram;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ReplicationRun;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the read replicas of the load runs showed: lag from commit to visible, WAL behind, reads served. */
final class ReadScalingSection {
    private ReadScalingSection() {
    }

    static Html render(List<ReplicationRun> replication, List<LatencyHistogram> lags, List<LoadRun> loadRuns) {
        if (replication.isEmpty()) {
            return Fragments.notMeasured("no load run had replicas (load --replicas N --reads measures them).");
        }
        TableBuilder table = new TableBuilder("replication").column("Strategy").numeric("Replicas").column("Reads on replicas")
                .numeric("Reads per second").numeric("Lag p50").numeric("Lag p99").numeric("Lag max").numeric("Samples")
                .numeric("Most WAL behind").numeric("Standby conflicts");
        replication.stream().sorted(Comparator.comparing(ReplicationRun::strategy, Strategies.ORDER)).forEach(r -> {
            Optional<LoadRun> run = loadRuns.stream().filter(l -> r.strategy().equals(l.fileKey())).findFirst();
            table.row(r.conflicts() != null && r.conflicts() > 0 ? "bad" : null,
                    Html.el("strong", r.strategy()), Fragments.count(r.replicas()),
                    Html.text(Boolean.TRUE.equals(r.readsOnReplicas()) ? "yes" : "no (primary)"),
                    Html.text(run.flatMap(ReadScalingSection::readsPerSecond).map(v -> Numbers.sig(v) + " /s").orElse("—")),
                    millis(r.lagP50Millis()), millis(r.lagP99Millis()), millis(r.lagMaxMillis()),
                    Fragments.count(r.lagSamples()),
                    Html.text(r.maxLagBytes() == null ? "—" : Numbers.bytes(r.maxLagBytes())),
                    Fragments.count(r.conflicts()));
        });
        return Html.join(Html.el("p").text("Lag: from a position in the primary's WAL, taken right after commits, "
                + "until the replica has replayed it; a TVIEW's rows are written in their sources' transaction, so this "
                + "is when the new rows become visible there, consistent with their sources.").build(), table.build(),
                lags.isEmpty() ? Html.EMPTY
                        : Html.el("div").cls("charts").add(FigureHtml.renderAll(LatencyCharts.build(lags))).build());
    }

    /** For a load run's own page: a whole section when a run had replicas, nothing otherwise. */
    static Html section(List<ReplicationRun> replication, List<LatencyHistogram> lags, List<LoadRun> loadRuns) {
        if (replication.isEmpty()) {
            return Html.EMPTY;
        }
        return Html.el("section").attr("id", "read-scaling").add(Html.el("h2", "Read scaling"),
                render(replication, lags, loadRuns)).build();
    }

    private static Optional<Double> readsPerSecond(LoadRun run) {
        if (run.totalOperations() == null || run.writeOperations() == null || run.durationSeconds() == null
                || run.durationSeconds() <= 0) {
            return Optional.empty();
        }
        return Optional.of((run.totalOperations() - run.writeOperations()) / run.durationSeconds());
    }

    private static Html millis(Double value) {
        return Html.text(value == null ? "—" : Numbers.sig(value) + " ms");
    }
}
