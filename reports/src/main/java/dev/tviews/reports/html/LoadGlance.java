package dev.tviews.reports.html;

import dev.tviews.reports.charts.Percentiles;
import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.html.GlanceSection.Card;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.Spread;
import dev.tviews.reports.load.StrategyRuns;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The cards of a load-only run: what it measured, as ratios of the subject strategy to the reference, each
 * throughput with its stale rows beside it (a fast strategy that leaves stale rows reads as wrong, not fast).
 */
final class LoadGlance {
    private LoadGlance() {
    }

    static List<Card> cards(LoadComparison c) {
        List<Card> cards = new ArrayList<>();
        if (c.subject().isEmpty()) {
            return cards;
        }
        StrategyRuns s = c.subject().get();
        cards.add(throughput(c, s));
        latency(c, s, 50).ifPresent(cards::add);
        latency(c, s, 99).ifPresent(cards::add);
        cards.add(stale(c));
        wal(c, s).ifPresent(cards::add);
        if (c.repeated()) {
            cards.add(repetitions(c));
        }
        return cards;
    }

    private static Card throughput(LoadComparison c, StrategyRuns s) {
        boolean staleAnywhere = c.strategies().stream().anyMatch(g -> g.staleRows() != null && g.staleRows() > 0);
        if (c.reference().isEmpty()) {
            return new Card("Throughput", s.throughput().map(t -> Numbers.sig(t.median()) + " ops/s").orElse("—"),
                    withStale(s) + " — run a second strategy for a ratio", tone(s));
        }
        StrategyRuns r = c.reference().get();
        OptionalDouble ratio = c.ratioToReference(s, LoadComparison::medianThroughput);
        return new Card("Throughput " + s.strategy() + " ÷ " + r.strategy(),
                ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : "—",
                withStale(s) + " vs " + withStale(r) + (c.strategies().size() > 2 ? "; every strategy in the table below"
                        : "") + (staleAnywhere ? "" : "; higher is better"),
                staleAnywhere ? "bad" : "neutral");
    }

    /** "tviews-statement 738 ops/s (700–760), 0 stale rows". */
    private static String withStale(StrategyRuns g) {
        String t = g.throughput().map(LoadGlance::opsPerSecond).orElse("no throughput");
        Long stale = g.staleRows();
        return g.strategy() + " " + t + ", " + (stale == null ? "no read models" : Numbers.count(stale) + " stale rows");
    }

    static String opsPerSecond(Spread t) {
        return Numbers.sig(t.median()) + " ops/s" + (t.repeated()
                ? " (" + Numbers.sig(t.min()) + "–" + Numbers.sig(t.max()) + ")" : "");
    }

    private static String tone(StrategyRuns g) {
        return g.staleRows() != null && g.staleRows() > 0 ? "bad" : "neutral";
    }

    private static java.util.Optional<Card> latency(LoadComparison c, StrategyRuns s, double p) {
        Function<StrategyRuns, OptionalDouble> at = g -> g.latencyMillis(p);
        if (at.apply(s).isEmpty()) {
            return java.util.Optional.empty();
        }
        String label = "p" + Numbers.sig(p) + " latency";
        String thin = Percentiles.supported(s.latencySamples(), p) ? ""
                : " (only " + Numbers.count(s.latencySamples()) + " samples: too few for p" + Numbers.sig(p) + ")";
        if (c.reference().isEmpty() || at.apply(c.reference().get()).isEmpty()) {
            return java.util.Optional.of(new Card(label, Numbers.millis(at.apply(s).getAsDouble()),
                    s.strategy() + ", all operations" + thin, "neutral"));
        }
        StrategyRuns r = c.reference().get();
        boolean thinR = !Percentiles.supported(r.latencySamples(), p);
        OptionalDouble ratio = c.ratioToReference(s, at);
        return java.util.Optional.of(new Card(label + " " + s.strategy() + " ÷ " + r.strategy(),
                (ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : "—") + (thin.isEmpty() && !thinR ? "" : " *"),
                Numbers.millis(at.apply(s).getAsDouble()) + " vs " + Numbers.millis(at.apply(r).getAsDouble())
                        + ", all operations" + thin + (thinR && thin.isEmpty() ? " (* " + r.strategy() + " has only "
                        + Numbers.count(r.latencySamples()) + " samples)" : "") + "; lower is better", "neutral"));
    }

    private static Card stale(LoadComparison c) {
        List<String> parts = new ArrayList<>();
        long total = 0;
        boolean any = false;
        for (StrategyRuns g : c.strategies()) {
            if (g.staleRows() != null) {
                parts.add(g.strategy() + " " + Numbers.count(g.staleRows()));
                total += g.staleRows();
                any = true;
            }
        }
        if (!any) {
            return new Card("Stale rows after load", "—", "no strategy with read models ran", "neutral");
        }
        return new Card("Stale rows after load", Numbers.count(total), String.join(", ", parts)
                + " (after all clients committed; 0 is the only correct value)", total == 0 ? "good" : "bad");
    }

    private static java.util.Optional<Card> wal(LoadComparison c, StrategyRuns s) {
        if (s.walPerWrite().isEmpty()) {
            return java.util.Optional.empty();
        }
        String mine = Numbers.bytes(s.walPerWrite().get().median());
        if (c.reference().isEmpty() || c.reference().get().walPerWrite().isEmpty()) {
            return java.util.Optional.of(new Card("WAL per write", mine, s.strategy(), "neutral"));
        }
        StrategyRuns r = c.reference().get();
        OptionalDouble ratio = c.ratioToReference(s, LoadComparison::medianWal);
        return java.util.Optional.of(new Card("WAL per write " + s.strategy() + " ÷ " + r.strategy(),
                ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : "—",
                mine + " vs " + Numbers.bytes(r.walPerWrite().get().median()) + "; lower is better", "neutral"));
    }

    private static Card repetitions(LoadComparison c) {
        int most = c.strategies().stream().mapToInt(g -> g.runs().size()).max().orElse(0);
        double spread = c.strategies().stream().map(StrategyRuns::throughput).flatMap(java.util.Optional::stream)
                .mapToDouble(Spread::relativeRange).max().orElse(0);
        return new Card("Repetitions", most + " runs each", "in alternating order; medians shown, throughput "
                + "min–max within " + Math.round(100 * spread) + "% of the median"
                + (spread > 0.2 ? ": the runs disagree, so read small ratios with care (run longer)" : ""), "neutral");
    }
}
