package dev.tviews.reports.jmh;

import dev.tviews.reports.model.JmhResult;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The "ratio to the hand-written baseline" column: a row's score divided by the score of the row that
 * differs from it only in {@code strategy=hand-written} (same benchmark, mode and other params).
 * Both scores are brought to one unit first. For time modes above 1 means slower than hand-written;
 * for throughput modes below 1 does.
 */
public final class BaselineRatios {
    public static final String STRATEGY = Strategies.PARAM;
    public static final String HAND_WRITTEN = Strategies.HAND_WRITTEN;

    private final Map<JmhResult, Double> ratios = new IdentityHashMap<>();

    private BaselineRatios(List<JmhResult> results) {
        Map<Key, JmhResult> baselines = new HashMap<>();
        for (JmhResult r : results) {
            if (HAND_WRITTEN.equals(r.params().get(STRATEGY))) {
                baselines.putIfAbsent(Key.of(r), r);
            }
        }
        for (JmhResult r : results) {
            if (!r.params().containsKey(STRATEGY)) {
                continue;
            }
            JmhResult base = baselines.get(Key.of(r));
            if (base != null) {
                ratio(r, base).ifPresent(v -> ratios.put(r, v));
            }
        }
    }

    public static BaselineRatios of(List<JmhResult> results) {
        return new BaselineRatios(results);
    }

    /** Empty when the row has no strategy param or no hand-written counterpart was measured. */
    public OptionalDouble ratioOf(JmhResult result) {
        Double v = ratios.get(result);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static OptionalDouble ratio(JmhResult row, JmhResult base) {
        var rowUnit = ScoreUnit.parse(row.primaryMetric().scoreUnit());
        var baseUnit = ScoreUnit.parse(base.primaryMetric().scoreUnit());
        double rowScore = row.primaryMetric().score();
        double baseScore = base.primaryMetric().score();
        if (rowUnit.isPresent() && baseUnit.isPresent() && rowUnit.get().sameKind(baseUnit.get())) {
            baseScore = baseUnit.get().convert(baseScore, rowUnit.get());
        } else if (!Objects.equals(row.primaryMetric().scoreUnit(), base.primaryMetric().scoreUnit())) {
            return OptionalDouble.empty();
        }
        if (!Double.isFinite(rowScore) || !Double.isFinite(baseScore) || baseScore == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(rowScore / baseScore);
    }

    private record Key(String benchmark, String mode, Map<String, String> otherParams) {
        static Key of(JmhResult r) {
            Map<String, String> others = new TreeMap<>(r.params());
            others.remove(STRATEGY);
            return new Key(r.benchmark(), r.mode(), others);
        }
    }
}
