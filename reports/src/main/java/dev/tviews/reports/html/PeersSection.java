package dev.tviews.reports.html;

import dev.tviews.reports.charts.MeanThroughputChart;
import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.html.GlanceSection.Card;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.PeersResults;
import dev.tviews.reports.load.PeersResults.Group;
import dev.tviews.reports.load.StrategyRuns;
import dev.tviews.reports.model.PeersLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * tviews beside pg_ivm, hand-written statements and REFRESH MATERIALIZED VIEW on the peers scenario: a table per
 * scale and client count, a chart of the largest, and the glance cards with the targets of docs/performance.md
 * (throughput ≥ 3× pg_ivm on 8 clients, single-row write latency ≤ 1× pg_ivm's, 0 stale rows).
 */
final class PeersSection {
    static final double THROUGHPUT_TARGET = 3;
    static final double LATENCY_TARGET = 1;
    /** The operation of the latency target in docs/performance.md: one row of tb_order updated. */
    static final String SINGLE_ROW_OPERATION = "change_amount";

    private PeersSection() {
    }

    static Html render(PeersResults peers) {
        if (!peers.measured()) {
            return Fragments.notMeasured(PeersLayout.HOW_TO_INSTALL + ".");
        }
        List<Html> parts = new ArrayList<>();
        for (Group g : peers.groups()) {
            parts.add(Html.el("h3").text("Scale " + g.scale() + ", " + g.clients() + (g.clients() == 1 ? " client" : " clients")
                    + (g.clients() == 1 ? " (single-row write latency)" : "")).build());
            parts.add(LoadSection.strategiesTable(g.comparison()));
        }
        largest(peers, 8).ifPresent(g -> parts.add(Html.el("div").cls("charts")
                .add(FigureHtml.render(MeanThroughputChart.build(g.comparison(), "Throughput — peers " + g.scale() + ", "
                        + g.clients() + " clients", "peers-throughput"))).build()));
        return Html.join(parts);
    }

    /** The glance cards: the two ratios with their targets; one "not measured" card without pg_ivm. */
    static List<Card> cards(PeersResults peers) {
        if (!peers.measured()) {
            return List.of(new Card("tviews vs pg_ivm", "not measured", "no installed PostgreSQL with pg_ivm; "
                    + "the Peers section says what to install", "missing"));
        }
        List<Card> cards = new ArrayList<>();
        largest(peers, 8).ifPresent(g -> cards.add(throughput(g)));
        largest(peers, 1).ifPresent(g -> cards.add(latency(g)));
        return cards;
    }

    private static Optional<Group> largest(PeersResults peers, int clients) {
        Group found = null;
        for (Group g : peers.groups()) {
            if (g.clients() == clients) {
                found = g;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Card throughput(Group g) {
        LoadComparison c = g.comparison();
        String where = g.clients() + " clients, peers " + g.scale();
        if (c.subject().isEmpty() || c.reference().isEmpty()) {
            return new Card("tviews ÷ pg_ivm throughput", "—", where + ": a strategy is missing", "missing");
        }
        StrategyRuns s = c.subject().get();
        StrategyRuns r = c.reference().get();
        OptionalDouble ratio = c.ratioToReference(s, LoadComparison::medianThroughput);
        boolean stale = stale(s) || stale(r);
        boolean met = ratio.isPresent() && ratio.getAsDouble() >= THROUGHPUT_TARGET && !stale;
        return new Card(s.strategy() + " ÷ " + r.strategy() + " throughput",
                ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : "—",
                where + ": " + withStale(s) + " vs " + withStale(r) + "; target ≥ " + Numbers.sig(THROUGHPUT_TARGET)
                        + "× with 0 stale rows", met ? "good" : "bad");
    }

    private static Card latency(Group g) {
        LoadComparison c = g.comparison();
        String where = "1 client, peers " + g.scale();
        if (c.subject().isEmpty() || c.reference().isEmpty()) {
            return new Card("Write latency tviews ÷ pg_ivm", "—", where + ": a strategy is missing", "missing");
        }
        StrategyRuns s = c.subject().get();
        StrategyRuns r = c.reference().get();
        // The target's operation: one tb_order row updated. Without it, every operation together.
        OptionalDouble mine = g.medianMillis(s.strategy(), SINGLE_ROW_OPERATION);
        OptionalDouble theirs = g.medianMillis(r.strategy(), SINGLE_ROW_OPERATION);
        String what = SINGLE_ROW_OPERATION;
        if (mine.isEmpty() || theirs.isEmpty()) {
            mine = s.latencyMillis(50);
            theirs = r.latencyMillis(50);
            what = "all operations";
        }
        if (mine.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() <= 0) {
            return new Card("Write latency tviews ÷ pg_ivm", "—", where + ": no latencies recorded", "missing");
        }
        double ratio = mine.getAsDouble() / theirs.getAsDouble();
        boolean met = ratio <= LATENCY_TARGET && !stale(s) && !stale(r);
        return new Card("Single-row write latency " + s.strategy() + " ÷ " + r.strategy(), Numbers.factor(ratio),
                where + ", " + what + ", median: " + Numbers.millis(mine.getAsDouble()) + " vs "
                        + Numbers.millis(theirs.getAsDouble()) + "; target ≤ " + Numbers.sig(LATENCY_TARGET) + "×",
                met ? "good" : "bad");
    }

    private static boolean stale(StrategyRuns g) {
        return g.staleRows() != null && g.staleRows() > 0;
    }

    private static String withStale(StrategyRuns g) {
        return g.strategy() + " " + g.throughput().map(t -> Numbers.sig(t.median()) + " ops/s").orElse("—") + ", "
                + (g.staleRows() == null ? "—" : Numbers.count(g.staleRows())) + " stale rows";
    }
}
