package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.BaselineRatios;
import dev.tviews.reports.jmh.ParamSeries;
import dev.tviews.reports.jmh.ParamSeries.Point;
import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.jmh.ScoreUnit;
import dev.tviews.reports.jmh.Speedups;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.load.PeersResults;
import dev.tviews.reports.model.JmhResult;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.RunResults;
import dev.tviews.reports.model.Target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The few numbers a reader decides from, each on a card coloured good, bad or not measured. */
final class GlanceSection {
    private static final String PREFERRED_METHOD = "singleRowUpdate";

    private GlanceSection() {
    }

    record Card(String label, String value, String detail, String tone) {
        Html render() {
            return Html.el("div").cls("card " + tone).add(
                    Html.el("div").cls("label").text(label).build(),
                    Html.el("div").cls("value").text(value).build(),
                    Html.el("div").cls("detail").text(detail).build()).build();
        }
    }

    static Html render(RunResults results) {
        if (results.loadOnly()) {
            return render(LoadGlance.cards(LoadComparison.of(results)));
        }
        List<Card> cards = new ArrayList<>(List.of(targets(results), consistency(results), staleRows(results.loadRuns()),
                speedup(results.jmh()), versusHandWritten(results.jmh())));
        cards.addAll(PeersSection.cards(PeersResults.read(results.folder())));
        return render(cards);
    }

    static Html render(List<Card> cards) {
        return Html.el("div").cls("cards").add(cards.stream().map(Card::render).toList()).build();
    }

    private static Card targets(RunResults results) {
        List<Target> targets = results.summary().map(s -> s.targets()).orElse(List.of());
        if (targets.isEmpty()) {
            return new Card("Targets", "not measured", "summary.json lists no targets", "missing");
        }
        long met = targets.stream().filter(t -> t.verdict() == Target.Verdict.MET).count();
        long missed = targets.stream().filter(t -> t.verdict() == Target.Verdict.MISSED).count();
        long notMeasured = targets.size() - met - missed;
        String detail = missed + " missed" + (notMeasured > 0 ? ", " + notMeasured + " not measured" : "");
        String tone = missed > 0 ? "bad" : met == 0 ? "missing" : "good";
        return new Card("Targets met", met + " of " + targets.size(), detail, tone);
    }

    private static Card consistency(RunResults results) {
        if (results.checker().isEmpty() || results.checker().get().runs().isEmpty()) {
            return new Card("Consistency", "not run", "no checker/summary.json", "missing");
        }
        var checker = results.checker().get();
        long failures = checker.totalFailures();
        return new Card("Consistency failures", Numbers.count(failures),
                "in " + Numbers.count(checker.totalChecks()) + " checks of every tv_* row, "
                        + checker.runs().size() + " runs", failures == 0 ? "good" : "bad");
    }

    private static Card staleRows(List<LoadRun> runs) {
        List<LoadRun> checked = runs.stream().filter(r -> r.staleRowsAtEnd() != null).toList();
        if (checked.isEmpty()) {
            return new Card("Stale rows after load", "not measured", "no load run counted stale rows", "missing");
        }
        long stale = checked.stream().mapToLong(LoadRun::staleRowsAtEnd).sum();
        return new Card("Stale rows after load", Numbers.count(stale),
                "after all clients committed, " + checked.size() + " load runs", stale == 0 ? "good" : "bad");
    }

    /** tviews-statement's speed-up over full refresh at the largest scale, preferably for single-row updates. */
    private static Card speedup(List<JmhResult> jmh) {
        Map<String, List<JmhResult>> byMethod = ParamSeries.byMethod(jmh, Speedups.BENCHMARK);
        List<String> methods = new ArrayList<>(byMethod.keySet());
        methods.sort(Comparator.comparing((String m) -> !m.equals(PREFERRED_METHOD)));
        for (String method : methods) {
            Optional<Series> best = Speedups.of(byMethod.get(method)).orElse(List.of()).stream()
                    .min(Comparator.comparing(Series::key, Strategies.ORDER));
            if (best.isPresent()) {
                Point last = best.get().points().get(best.get().points().size() - 1);
                String uncertainty = last.errorMillis() > 0
                        ? " (± " + Numbers.sig(last.errorMillis()) + " from the JMH errors)"
                        : " (no error estimate: too few iterations)";
                return new Card("Speed-up over full refresh", Numbers.factor(last.yMillis()),
                        best.get().label() + ", " + method + " at " + Numbers.count((long) last.x()) + " rows"
                                + uncertainty, "neutral");
            }
        }
        return new Card("Speed-up over full refresh", "not measured", "no RefreshBenchmark with refresh-mv", "missing");
    }

    /** Geometric mean of tviews-statement's time over hand-written's, across every benchmark that has both. */
    private static Card versusHandWritten(List<JmhResult> jmh) {
        BaselineRatios ratios = BaselineRatios.of(jmh);
        double logSum = 0;
        int n = 0;
        for (JmhResult r : jmh) {
            OptionalDouble ratio = ratios.ratioOf(r);
            boolean time = ScoreUnit.parse(r.primaryMetric().scoreUnit()).map(ScoreUnit::timePerOp).orElse(false);
            if (time && ratio.isPresent() && ratio.getAsDouble() > 0
                    && Strategies.TVIEWS_STATEMENT.equals(r.params().get(Strategies.PARAM))) {
                logSum += Math.log(ratio.getAsDouble());
                n++;
            }
        }
        if (n == 0) {
            return new Card("tviews vs hand-written", "not measured",
                    "no benchmark measured both tviews-statement and hand-written", "missing");
        }
        return new Card("tviews vs hand-written", Numbers.factor(Math.exp(logSum / n)),
                "time of tviews-statement ÷ hand-written, geometric mean of " + n + " benchmarks (1× = same)",
                "neutral");
    }
}
