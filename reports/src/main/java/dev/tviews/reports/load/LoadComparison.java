package dev.tviews.reports.load;

import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.LatencyHistogram;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.RunResults;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The load runs of a results folder grouped by strategy, with the ratios a reader compares: the subject
 * (the first tviews strategy run) against the reference (hand-written when it ran, else the next strategy).
 *
 * @param strategies every strategy's runs, in {@link Strategies#ORDER}
 * @param subject    the strategy the ratios are about; empty with fewer than one strategy
 * @param reference  the strategy it is divided by; empty with only one strategy
 */
public record LoadComparison(List<StrategyRuns> strategies, Optional<StrategyRuns> subject,
                             Optional<StrategyRuns> reference) {

    public static LoadComparison of(RunResults results) {
        return of(results.loadRuns(), results.latencies());
    }

    public static LoadComparison of(List<LoadRun> loadRuns, List<LatencyHistogram> histograms) {
        return of(loadRuns, histograms, Strategies.HAND_WRITTEN);
    }

    /** With {@code referenceName} as the reference when it ran (else as {@link #of(List, List)} picks). */
    public static LoadComparison of(List<LoadRun> loadRuns, List<LatencyHistogram> histograms, String referenceName) {
        Map<String, List<LoadRun>> byStrategy = new LinkedHashMap<>();
        loadRuns.stream().sorted(java.util.Comparator.comparing(LoadRun::strategy, Strategies.ORDER))
                .forEach(r -> byStrategy.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r));
        List<StrategyRuns> groups = new ArrayList<>();
        byStrategy.forEach((strategy, runs) -> groups.add(new StrategyRuns(strategy, runs, allOperations(strategy, histograms))));
        Optional<StrategyRuns> subject = groups.stream().filter(g -> g.strategy().startsWith("tviews-")).findFirst()
                .or(() -> groups.stream().findFirst());
        Optional<StrategyRuns> reference = groups.stream()
                .filter(g -> g.strategy().equals(referenceName) && subject.get() != g).findFirst()
                .or(() -> groups.stream().filter(g -> g.strategy().equals(Strategies.HAND_WRITTEN) && subject.get() != g)
                        .findFirst())
                .or(() -> groups.stream().filter(g -> subject.isPresent() && subject.get() != g).findFirst());
        return new LoadComparison(List.copyOf(groups), subject, reference);
    }

    private static Histogram allOperations(String strategy, List<LatencyHistogram> histograms) {
        Histogram total = null;
        for (LatencyHistogram h : histograms) {
            if (h.strategy().equals(strategy)) {
                if (total == null) {
                    total = new Histogram(3);
                }
                total.add(h.histogram());
            }
        }
        return total;
    }

    /** Whether any strategy ran more than once. */
    public boolean repeated() {
        return strategies.stream().anyMatch(g -> g.runs().size() > 1);
    }

    /** {@code measure(g) ÷ measure(reference)}; empty without a reference or either value. */
    public OptionalDouble ratioToReference(StrategyRuns g, Function<StrategyRuns, OptionalDouble> measure) {
        Optional<StrategyRuns> ref = referenceFor(g);
        if (ref.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble a = measure.apply(g);
        OptionalDouble b = measure.apply(ref.get());
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(a.getAsDouble() / b.getAsDouble());
    }

    /**
     * The reference a strategy is divided by: for a label with a variant ({@code tviews-statement.social}) the
     * reference's run of the same variant ({@code hand-written.social}), since runs of different scenarios or
     * key distributions do not compare; empty when there is none.
     */
    public Optional<StrategyRuns> referenceFor(StrategyRuns g) {
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        int dot = g.strategy().indexOf('.');
        if (dot < 0) {
            return reference;
        }
        String wanted = reference.get().strategy() + g.strategy().substring(dot);
        return strategies.stream().filter(x -> x.strategy().equals(wanted)).findFirst();
    }

    public static OptionalDouble medianThroughput(StrategyRuns g) {
        return g.throughput().map(s -> OptionalDouble.of(s.median())).orElse(OptionalDouble.empty());
    }

    public static OptionalDouble medianWal(StrategyRuns g) {
        return g.walPerWrite().map(s -> OptionalDouble.of(s.median())).orElse(OptionalDouble.empty());
    }
}
