package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.BaselineRatios;
import dev.tviews.reports.jmh.ParamSeries;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.JmhResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Every JMH result: score, error, unit and ratio to the hand-written baseline. */
final class BenchmarksTable {
    private BenchmarksTable() {
    }

    static Html render(List<JmhResult> jmh) {
        if (jmh.isEmpty()) {
            return Fragments.notMeasured("the results folder has no jmh.json.");
        }
        BaselineRatios ratios = BaselineRatios.of(jmh);
        TableBuilder table = new TableBuilder("benchmarks").column("Benchmark").column("Params").column("Mode")
                .numeric("Score").numeric("± Error").column("Unit").numeric("Ratio to hand-written");
        List<JmhResult> sorted = new ArrayList<>(jmh);
        sorted.sort(ORDER);
        for (JmhResult r : sorted) {
            OptionalDouble ratio = ratios.ratioOf(r);
            table.row(Html.el("code", r.shortName()),
                    Html.text(params(r.params())),
                    Html.text(r.mode()),
                    Html.text(Numbers.sig(r.primaryMetric().score())),
                    Html.text(Numbers.sig(r.primaryMetric().scoreError())),
                    Html.text(r.primaryMetric().scoreUnit()),
                    Html.text(ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : ""));
        }
        return table.build();
    }

    static String params(Map<String, String> params) {
        if (params.isEmpty()) {
            return "—";
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** By benchmark, then by params with numbers compared as numbers (scale 1000 before 10000). */
    static final Comparator<JmhResult> ORDER = Comparator.comparing(JmhResult::benchmark)
            .thenComparing(JmhResult::mode, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing((a, b) -> compareParams(a.params(), b.params()));

    private static int compareParams(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        keys.sort(Comparator.naturalOrder());
        for (String key : keys) {
            String va = a.get(key);
            String vb = b.get(key);
            if (va == null || vb == null) {
                return va == null ? (vb == null ? 0 : -1) : 1;
            }
            OptionalDouble na = ParamSeries.number(va);
            OptionalDouble nb = ParamSeries.number(vb);
            int c = na.isPresent() && nb.isPresent() ? Double.compare(na.getAsDouble(), nb.getAsDouble())
                    : Strategies.ORDER.compare(va, vb);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
