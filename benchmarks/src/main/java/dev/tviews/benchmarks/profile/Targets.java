package dev.tviews.benchmarks.profile;

import dev.tviews.reports.jmh.ScoreUnit;
import dev.tviews.reports.model.JmhResult;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.Target;
import dev.tviews.reports.model.Target.Better;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The performance targets of docs/performance.md, computed from one run's results: each a ratio of two
 * numbers measured side by side in the same run, with the command that repeats the measurement.
 * A target whose inputs are missing is returned without a measured value (shown as not measured).
 */
public final class Targets {

    private static final String JAR = "java -jar benchmarks/target/benchmarks.jar";

    private Targets() {
    }

    /** Informational ratios without a threshold, printed and documented beside the targets. */
    public record Note(String name, String description, Double value, String unit) {
    }

    /**
     * @param unreadColumnTuples tv_* tuples written by the unread-column probe, if it ran
     * @param settings           the profile's JMH settings, for the commands
     * @param loadCommand        the command that repeats the load runs with uniform keys
     */
    public static List<Target> compute(List<JmhResult> jmh, List<LoadRun> load, OptionalDouble unreadColumnTuples,
                                       JmhSettings settings, String loadCommand) {
        List<Target> out = new ArrayList<>();
        String opts = " " + settings.asOptions();
        String refresh = JAR + " jmh RefreshBenchmark.singleRowUpdate -p scale=100000 -p strategy=tviews-statement,hand-written,refresh-mv" + opts;
        Optional<Double> tviews = millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "tviews-statement"));
        Optional<Double> handWritten = millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "hand-written"));
        Optional<Double> fullRefresh = millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "refresh-mv"));
        out.add(new Target("single-row-update-vs-hand-written",
                "Single-row update at 100,000 products with tviews-statement at most 1.1× the hand-written same-transaction upsert",
                ratio(tviews, handWritten), 1.1, "x", Better.LOWER, refresh));
        out.add(new Target("speed-up-over-full-refresh-100k",
                "Single-row update at 100,000 products with tviews-statement at least 2,000× faster than REFRESH MATERIALIZED VIEW",
                ratio(fullRefresh, tviews), 2000.0, "x", Better.HIGHER, refresh));

        String bulk = JAR + " jmh TriggerModeBenchmark.bulkUpdate -p batchSize=10000 -p mode=statement,row,hand-written,none" + opts;
        Optional<Double> statement = millis(jmh, "TriggerModeBenchmark", "bulkUpdate", Map.of("batchSize", "10000", "mode", "statement"));
        Optional<Double> bareAndRefresh = millis(jmh, "TriggerModeBenchmark", "bulkUpdate", Map.of("batchSize", "10000", "mode", "hand-written"));
        out.add(new Target("bulk-update-10k-vs-bare-plus-set-based-refresh",
                "10,000-row bulk update with statement-level triggers at most 1.5× the bare update plus one set-based hand-written refresh",
                ratio(statement, bareAndRefresh), 1.5, "x", Better.LOWER, bulk));

        String cascade = JAR + " jmh CascadeBenchmark.categoryRename -p fanout=10,100,1000,10000 -p strategy=tviews-statement,hand-written" + opts;
        Map<Integer, Double> engine = byFanout(jmh, "tviews-statement");
        Map<Integer, Double> manual = byFanout(jmh, "hand-written");
        Double worst = null;
        for (var e : engine.entrySet()) {
            Double m = manual.get(e.getKey());
            if (m != null && m > 0) {
                worst = worst == null ? e.getValue() / m : Math.max(worst, e.getValue() / m);
            }
        }
        out.add(new Target("category-rename-vs-hand-written",
                "Category rename reaching k products with tviews-statement at most 1.5× a hand-written set-based update of those k rows (worst k)",
                worst, 1.5, "x", Better.LOWER, cascade));
        out.add(new Target("category-rename-linear-in-k",
                "Category rename cost linear in k: exponent of time against k between 1,000 and 10,000 products at most 1.15",
                exponent(engine, 1_000, 10_000), 1.15, "exponent", Better.LOWER, cascade));

        String unread = JAR + " jmh WriteOverheadBenchmark.updateUnreadColumn -p strategy=tviews-statement,none" + opts;
        Optional<Double> unreadEngine = firstMillis(jmh, "WriteOverheadBenchmark", "updateUnreadColumn", "tviews-statement");
        Optional<Double> unreadBare = firstMillis(jmh, "WriteOverheadBenchmark", "updateUnreadColumn", "none");
        out.add(new Target("unread-column-write-vs-bare",
                "A write that changes no column read by any TVIEW with tviews-statement within 1.1× of the bare write",
                ratio(unreadEngine, unreadBare), 1.1, "x", Better.LOWER, unread));
        out.add(new Target("unread-column-write-tv-tuples",
                "tv_* tuples written by 100 writes that change no column read by any TVIEW (pg_stat_xact_user_tables)",
                unreadColumnTuples.isPresent() ? unreadColumnTuples.getAsDouble() : null, 0.0, "rows", Better.LOWER,
                JAR + " (quick profile: the unread-column probe before the JMH runs)"));

        out.add(new Target("load-uniform-throughput-vs-hand-written",
                "8 writers at READ COMMITTED, e-commerce mix with uniform keys: tviews-statement throughput at least 80% of hand-written",
                ratio(throughput(load, "tviews-statement"), throughput(load, "hand-written")), 0.8, "x", Better.HIGHER, loadCommand));
        out.add(new Target("load-zipf-throughput-vs-hand-written",
                "8 writers at READ COMMITTED, e-commerce mix with the scenario's Zipf keys: tviews-statement throughput at least 70% of hand-written",
                ratio(throughput(load, "tviews-statement.zipf"), throughput(load, "hand-written.zipf")), 0.7, "x", Better.HIGHER,
                loadCommand.replace(" --uniform-keys", "")));
        out.add(new Target("load-social-throughput-vs-hand-written",
                "8 writers at READ COMMITTED, social mix (celebrity renames): tviews-statement throughput at least 50% of hand-written",
                ratio(throughput(load, "tviews-statement.social"), throughput(load, "hand-written.social")), 0.5, "x", Better.HIGHER,
                JAR + " load --scenario social --strategy tviews-statement,hand-written --clients 8"));
        out.add(new Target("load-row-vs-statement",
                "8 writers, e-commerce mix with uniform keys: tviews-row throughput at least 80% of tviews-statement",
                ratio(throughput(load, "tviews-row"), throughput(load, "tviews-statement")), 0.8, "x", Better.HIGHER,
                loadCommand));
        // "> 0 tx/s": at least one operation completed in every full second.
        Double worstSecond = load.stream().filter(r -> r.strategy().startsWith("tviews") && r.worstSecond() != null)
                .mapToDouble(LoadRun::worstSecond).min().stream().boxed().findFirst().orElse(null);
        out.add(new Target("worst-second-of-load",
                "The worst full second of any tviews load run (uniform, Zipf, social, both trigger modes) completes at least one operation (> 0 tx/s)",
                worstSecond, 1.0, "tx/s", Better.HIGHER, loadCommand));
        Double stale = load.stream().filter(r -> r.strategy().startsWith("tviews") && r.staleRowsAtEnd() != null)
                .mapToDouble(LoadRun::staleRowsAtEnd).reduce(Double::sum).stream().boxed().findFirst().orElse(null);
        out.add(new Target("stale-rows-after-load",
                "Stale tv_* rows after the engine's load runs (8 concurrent writers, READ COMMITTED), all scenarios and key mixes",
                stale, 0.0, "rows", Better.LOWER, loadCommand));
        String warm = JAR + " jmh WarmSessionBenchmark.largeUpdate -p rows=2000 -p session=fresh,warmed" + opts;
        out.add(new Target("large-statement-warmed-vs-fresh",
                "A 2,000-row UPDATE in a session whose triggers already ran single-row updates at most 1.2× the same in a fresh session",
                ratio(millis(jmh, "WarmSessionBenchmark", "largeUpdate", Map.of("rows", "2000", "session", "warmed")),
                        millis(jmh, "WarmSessionBenchmark", "largeUpdate", Map.of("rows", "2000", "session", "fresh"))),
                1.2, "x", Better.LOWER, warm));
        String stats = JAR + " jmh OperationsBenchmark.singleRowUpdate -p refresh=per-statement -p stats=on,off" + opts;
        out.add(new Target("stats-collection-overhead",
                "Single-row update at 100,000 products with pg_tviews_queue_stats() figures collected at most 1.05× the same with tviews.stats = off",
                ratio(millis(jmh, "OperationsBenchmark", "singleRowUpdate", Map.of("refresh", "per-statement", "stats", "on")),
                        millis(jmh, "OperationsBenchmark", "singleRowUpdate", Map.of("refresh", "per-statement", "stats", "off"))),
                1.05, "x", Better.LOWER, stats));
        return out;
    }

    /** Ratios reported without a threshold. */
    public static List<Note> notes(List<JmhResult> jmh, List<LoadRun> load) {
        List<Note> out = new ArrayList<>();
        out.add(new Note("row-over-statement-bulk-10k", "10,000-row bulk update: row-level ÷ statement-level triggers",
                ratio(millis(jmh, "TriggerModeBenchmark", "bulkUpdate", Map.of("batchSize", "10000", "mode", "row")),
                        millis(jmh, "TriggerModeBenchmark", "bulkUpdate", Map.of("batchSize", "10000", "mode", "statement"))), "x"));
        out.add(new Note("single-row-update-vs-bare", "single-row update at 100,000 products: tviews-statement ÷ bare write",
                ratio(millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "tviews-statement")),
                        millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "none"))), "x"));
        out.add(new Note("hand-written-vs-bare", "single-row update at 100,000 products: hand-written ÷ bare write",
                ratio(millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "hand-written")),
                        millis(jmh, "RefreshBenchmark", "singleRowUpdate", Map.of("scale", "100000", "strategy", "none"))), "x"));
        out.add(new Note("celebrity-rename-vs-hand-written", "user rename reaching 10,000 posts: tviews-statement ÷ hand-written",
                ratio(millis(jmh, "CascadeBenchmark", "celebrityRename", Map.of("fanout", "10000", "strategy", "tviews-statement")),
                        millis(jmh, "CascadeBenchmark", "celebrityRename", Map.of("fanout", "10000", "strategy", "hand-written"))), "x"));
        out.add(new Note("batched-over-per-statement-1000", "transaction of 1,000 single-row updates: batched ÷ per-statement refresh",
                ratio(millis(jmh, "OperationsBenchmark", "transactionOf1000Updates", Map.of("refresh", "batched", "stats", "on")),
                        millis(jmh, "OperationsBenchmark", "transactionOf1000Updates", Map.of("refresh", "per-statement", "stats", "on"))), "x"));
        return out;
    }

    static Optional<Double> millis(List<JmhResult> jmh, String benchmark, String method, Map<String, String> params) {
        return jmh.stream()
                .filter(r -> r.className().equals(benchmark) && r.methodName().equals(method))
                .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
                .findFirst().flatMap(Targets::toMillis);
    }

    /** The first result of a method with that strategy, whatever its other params (e.g. its scale). */
    private static Optional<Double> firstMillis(List<JmhResult> jmh, String benchmark, String method, String strategy) {
        return millis(jmh, benchmark, method, Map.of("strategy", strategy));
    }

    private static Optional<Double> toMillis(JmhResult r) {
        return ScoreUnit.parse(r.primaryMetric().scoreUnit()).filter(ScoreUnit::timePerOp)
                .map(u -> u.toMillisPerOp(r.primaryMetric().score())).filter(v -> Double.isFinite(v) && v > 0);
    }

    private static Map<Integer, Double> byFanout(List<JmhResult> jmh, String strategy) {
        Map<Integer, Double> out = new TreeMap<>();
        for (JmhResult r : jmh) {
            if (r.className().equals("CascadeBenchmark") && r.methodName().equals("categoryRename")
                    && strategy.equals(r.params().get("strategy")) && r.params().containsKey("fanout")) {
                toMillis(r).ifPresent(v -> out.put(Integer.parseInt(r.params().get("fanout")), v));
            }
        }
        return out;
    }

    private static Double exponent(Map<Integer, Double> byFanout, int low, int high) {
        Double a = byFanout.get(low);
        Double b = byFanout.get(high);
        return a == null || b == null ? null : Math.log(b / a) / Math.log((double) high / low);
    }

    private static Optional<Double> throughput(List<LoadRun> load, String label) {
        return load.stream().filter(r -> label.equals(r.strategy())).findFirst()
                .flatMap(r -> {
                    OptionalDouble t = r.meanThroughput();
                    return t.isPresent() ? Optional.of(t.getAsDouble()) : Optional.empty();
                });
    }

    private static Double ratio(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() && b.get() > 0 ? a.get() / b.get() : null;
    }
}
