package dev.tviews.benchmarks.profile;

import dev.tviews.benchmarks.consistency.ConsistencyPlan;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.load.LoadSpec;
import dev.tviews.scenarios.BundledScenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code java -jar benchmarks.jar} measures and checks: the JMH runs, load runs and consistency checks of a profile. {@code quick}
 * (the default) takes small scales plus exactly the points the targets of docs/performance.md are measured
 * at, with short iterations, and fits in 10 minutes on 2 cores; {@code full} adds the big scales, every
 * strategy and longer iterations.
 *
 * @param checkAfterMeasurement whether each trial checks freshness after the measurement as well as before
 * @param consistency           the consistency stage: the checker on every bundled scenario in both trigger modes,
 *                              and its concurrent sessions once
 * @param peers                 whether to run the peers comparison ({@link dev.tviews.benchmarks.peers.PeersStage})
 *                              when an installed PostgreSQL has pg_ivm
 */
public record Profile(String name, List<JmhRun> jmhRuns, List<LoadSpec> loadRuns, boolean checkAfterMeasurement,
                      ConsistencyPlan consistency, boolean peers) {

    public Profile(String name, List<JmhRun> jmhRuns, List<LoadSpec> loadRuns, boolean checkAfterMeasurement,
                   ConsistencyPlan consistency) {
        this(name, jmhRuns, loadRuns, checkAfterMeasurement, consistency, false);
    }

    public static final List<String> ALL_STRATEGIES = List.of("tviews-statement", "tviews-row", "hand-written", "refresh-mv",
            "refresh-mv-concurrently", "none");
    public static final String TARGET_SCALE = "100000";
    public static final String LOAD_CLIENTS = "8";

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("Unknown profile '" + name + "': use quick or full");
        };
    }

    static Profile quick() {
        // Target points: 1 s iterations; chart-only points: half-second ones. Three measured iterations each:
        // JMH gives no score error with fewer.
        JmhSettings target = new JmhSettings(1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
        JmhSettings chart = new JmhSettings(1, 1, Duration.ofMillis(500), 3, Duration.ofMillis(500));
        List<JmhRun> jmh = new ArrayList<>();
        jmh.add(run("RefreshBenchmark.singleRowUpdate", target,
                "scale", List.of(TARGET_SCALE), "strategy", List.of("tviews-statement", "hand-written", "refresh-mv", "none")));
        jmh.add(run("RefreshBenchmark.singleRowUpdate", chart, "scale", List.of("1000", "10000"), "strategy", ALL_STRATEGIES));
        jmh.add(run("RefreshBenchmark.singleRowInsert|RefreshBenchmark.singleRowDelete", chart,
                "scale", List.of("1000"), "strategy", List.of("tviews-statement", "hand-written", "refresh-mv")));
        jmh.add(run("TriggerModeBenchmark.bulkUpdate", target,
                "batchSize", List.of("10000"), "mode", List.of("statement", "hand-written", "none", "row"), "scale", List.of("10000")));
        jmh.add(run("TriggerModeBenchmark.bulkUpdate", chart,
                "batchSize", List.of("1", "100"), "mode", List.of("statement", "row"), "scale", List.of("10000")));
        jmh.add(run("CascadeBenchmark.categoryRename", target,
                "fanout", List.of("10", "1000", "10000"), "strategy", List.of("tviews-statement", "hand-written")));
        jmh.add(run("CascadeBenchmark.celebrityRename", chart,
                "fanout", List.of("10", "10000"), "strategy", List.of("tviews-statement", "hand-written")));
        jmh.add(run("WriteOverheadBenchmark.updateUnreadColumn", target,
                "strategy", List.of("tviews-statement", "none"), "scale", List.of("10000")));
        jmh.add(run("WriteOverheadBenchmark.insertReview|WriteOverheadBenchmark.updateUnreadColumn", chart,
                "strategy", List.of("hand-written"), "scale", List.of("10000")));
        jmh.add(run("WriteOverheadBenchmark.insertReview", chart,
                "strategy", List.of("tviews-statement", "none"), "scale", List.of("10000")));
        jmh.add(run("ReadPathBenchmark", chart, "scale", List.of("10000")));
        jmh.add(run("OperationsBenchmark.singleRowUpdate", target,
                "scale", List.of(TARGET_SCALE), "refresh", List.of("per-statement"), "stats", List.of("on", "off")));
        jmh.add(run("WarmSessionBenchmark.largeUpdate", target, "rows", List.of("2000"), "session", List.of("fresh", "warmed")));
        jmh.add(run("OperationsBenchmark.transactionOf1000Updates", target,
                "scale", List.of(TARGET_SCALE), "refresh", List.of("per-statement", "batched"), "stats", List.of("on")));
        List<LoadSpec> load = new ArrayList<>();
        // Six measured seconds on 8 clients give ratios within a few percent run to run, and keep the job in 10 minutes.
        Duration warmup = Duration.ofSeconds(1);
        Duration duration = Duration.ofSeconds(6);
        for (String strategy : List.of("tviews-statement", "hand-written", "tviews-row")) {
            load.add(ecommerce(strategy, strategy, warmup, duration, true));
        }
        for (String strategy : List.of("tviews-statement", "hand-written")) {
            load.add(ecommerce(strategy + ".zipf", strategy, warmup, duration, false));
        }
        for (String strategy : List.of("tviews-statement", "hand-written")) {
            load.add(new LoadSpec(strategy + ".social", BundledScenarios.load("social"), "small", strategy, 8, warmup,
                    duration, 0, false, false, 7));
        }
        return new Profile("quick", jmh, load, false, ConsistencyPlan.quick(), true);
    }

    static Profile full() {
        JmhSettings s = new JmhSettings(1, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2));
        List<JmhRun> jmh = new ArrayList<>();
        jmh.add(run("RefreshBenchmark", s, "scale", List.of("1000", "10000", TARGET_SCALE, "1000000"), "strategy", ALL_STRATEGIES));
        jmh.add(run("TriggerModeBenchmark", s, "batchSize", List.of("1", "10", "100", "1000", "10000"),
                "mode", List.of("statement", "row", "none", "hand-written"), "scale", List.of(TARGET_SCALE)));
        jmh.add(run("CascadeBenchmark", s, "fanout", List.of("1", "10", "100", "1000", "10000"),
                "strategy", List.of("tviews-statement", "tviews-row", "hand-written", "none")));
        jmh.add(run("WriteOverheadBenchmark", s, "strategy", List.of("tviews-statement", "tviews-row", "hand-written", "none"),
                "scale", List.of(TARGET_SCALE)));
        jmh.add(run("ReadPathBenchmark", s, "scale", List.of(TARGET_SCALE)));
        jmh.add(run("OperationsBenchmark.singleRowUpdate", s,
                "scale", List.of(TARGET_SCALE), "refresh", List.of("per-statement"), "stats", List.of("on", "off")));
        jmh.add(run("WarmSessionBenchmark.largeUpdate", s, "rows", List.of("2000"), "session", List.of("fresh", "warmed")));
        jmh.add(run("OperationsBenchmark.transactionOf1000Updates", s,
                "scale", List.of(TARGET_SCALE), "refresh", List.of("per-statement", "batched"), "stats", List.of("on")));
        jmh.add(run("BulkLoadBenchmark", s, "products", List.of("20000"), "batch", List.of("1", "1000")));
        List<LoadSpec> load = new ArrayList<>();
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(60);
        for (String strategy : List.of("tviews-statement", "tviews-row", "hand-written", "none")) {
            load.add(ecommerce(strategy, strategy, warmup, duration, true));
        }
        for (String strategy : List.of("tviews-statement", "hand-written")) {
            load.add(ecommerce(strategy + ".zipf", strategy, warmup, duration, false));
            load.add(new LoadSpec(strategy + ".social", BundledScenarios.load("social"), "medium", strategy, 8, warmup,
                    duration, 0, false, false, 7));
        }
        return new Profile("full", jmh, load, true, ConsistencyPlan.full(), true);
    }

    /** The e-commerce write mix at 10,000 products on 8 clients, closed loop. */
    private static LoadSpec ecommerce(String label, String strategy, Duration warmup, Duration duration, boolean uniform) {
        return new LoadSpec(label, Datasets.ecommerceScenario(10_000), Datasets.scaleName(10_000), strategy,
                Integer.parseInt(LOAD_CLIENTS), warmup, duration, 0, uniform, false, 42);
    }

    private static JmhRun run(String include, JmhSettings settings, Object... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameValues[i + 1];
            params.put((String) nameValues[i], values);
        }
        return new JmhRun(include, params, settings);
    }

    /** Trials over all JMH runs. */
    public int trials() {
        return jmhRuns.stream().mapToInt(r -> r.trialsPerMethod() * r.methods()).sum();
    }
}
