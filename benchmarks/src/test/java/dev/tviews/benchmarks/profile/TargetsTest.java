package dev.tviews.benchmarks.profile;

import dev.tviews.reports.model.JmhResult;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetsTest {

    private static final JmhSettings SETTINGS = new JmhSettings(1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));

    private static JmhResult result(String benchmark, Map<String, String> params, double score, String unit) {
        return new JmhResult("dev.tviews.benchmarks.jmh." + benchmark, "avgt", 1, 1, params,
                new JmhResult.Metric(score, 0.01, unit));
    }

    private static LoadRun load(String label, long operations, Long stale) {
        return load(label, operations, stale, null);
    }

    private static LoadRun load(String label, long operations, Long stale, Double worstSecond) {
        return new LoadRun(label, "ecommerce", 8, 10.0, List.of(), operations, 0L, operations, 1000L, stale, List.of(),
                worstSecond, null);
    }

    private static Target target(List<Target> targets, String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ratiosAreTakenSideBySideAcrossUnits() {
        List<JmhResult> jmh = List.of(
                result("RefreshBenchmark.singleRowUpdate", Map.of("scale", "100000", "strategy", "tviews-statement"), 500, "us/op"),
                result("RefreshBenchmark.singleRowUpdate", Map.of("scale", "100000", "strategy", "hand-written"), 0.4, "ms/op"),
                result("RefreshBenchmark.singleRowUpdate", Map.of("scale", "100000", "strategy", "refresh-mv"), 2.0, "s/op"),
                result("CascadeBenchmark.categoryRename", Map.of("fanout", "1000", "strategy", "tviews-statement"), 40, "ms/op"),
                result("CascadeBenchmark.categoryRename", Map.of("fanout", "10000", "strategy", "tviews-statement"), 400, "ms/op"),
                result("CascadeBenchmark.categoryRename", Map.of("fanout", "1000", "strategy", "hand-written"), 20, "ms/op"),
                result("CascadeBenchmark.categoryRename", Map.of("fanout", "10000", "strategy", "hand-written"), 320, "ms/op"));
        List<LoadRun> load = List.of(load("tviews-statement", 900, 0L), load("hand-written", 1000, 0L),
                load("tviews-statement.zipf", 500, 0L), load("tviews-row", 810, 0L, 120.0),
                load("tviews-statement.social", 400, 0L, 0.0), load("hand-written.social", 1000, 0L, 300.0));

        List<Target> targets = Targets.compute(jmh, load, OptionalDouble.of(0), SETTINGS, "java -jar benchmarks/target/benchmarks.jar load");

        assertThat(target(targets, "single-row-update-vs-hand-written").measured()).isCloseTo(1.25, within(1e-9));
        assertThat(target(targets, "single-row-update-vs-hand-written").verdict()).as("threshold 1.1")
                .isEqualTo(Target.Verdict.MISSED);
        assertThat(target(targets, "speed-up-over-full-refresh-100k").measured()).isCloseTo(4000, within(1e-6));
        assertThat(target(targets, "category-rename-vs-hand-written").measured()).as("the worst fan-out").isCloseTo(2.0, within(1e-9));
        assertThat(target(targets, "category-rename-linear-in-k").measured()).isCloseTo(1.0, within(1e-9));
        assertThat(target(targets, "load-uniform-throughput-vs-hand-written").measured()).isCloseTo(0.9, within(1e-9));
        assertThat(target(targets, "load-row-vs-statement").measured()).isCloseTo(0.9, within(1e-9));
        assertThat(target(targets, "load-social-throughput-vs-hand-written").verdict()).isEqualTo(Target.Verdict.MISSED);
        assertThat(target(targets, "load-zipf-throughput-vs-hand-written").verdict())
                .as("no hand-written Zipf run in these results").isEqualTo(Target.Verdict.NOT_MEASURED);
        assertThat(target(targets, "worst-second-of-load").measured()).as("the social run stalled for a second").isZero();
        assertThat(target(targets, "worst-second-of-load").verdict()).isEqualTo(Target.Verdict.MISSED);
        assertThat(target(targets, "stale-rows-after-load").measured()).isZero();
        assertThat(target(targets, "unread-column-write-tv-tuples").verdict()).isEqualTo(Target.Verdict.MET);
        assertThat(target(targets, "bulk-update-10k-vs-bare-plus-set-based-refresh").verdict())
                .as("not measured in these results").isEqualTo(Target.Verdict.NOT_MEASURED);
        assertThat(targets).allSatisfy(t -> assertThat(t.command()).startsWith("java -jar benchmarks/target/benchmarks.jar"));
    }

    @Test
    void theQuickProfileMeasuresEveryTargetPoint() {
        Profile quick = Profile.named("quick");
        assertThat(quick.jmhRuns()).anySatisfy(r -> {
            assertThat(r.include()).isEqualTo("RefreshBenchmark.singleRowUpdate");
            assertThat(r.params().get("scale")).contains("100000");
            assertThat(r.params().get("strategy")).contains("tviews-statement", "hand-written", "refresh-mv");
        });
        assertThat(quick.jmhRuns()).anySatisfy(r -> assertThat(r.params().getOrDefault("mode", List.of())).contains("hand-written"));
        assertThat(quick.loadRuns()).extracting(l -> l.label()).contains("tviews-statement", "hand-written", "tviews-row",
                "tviews-statement.zipf", "hand-written.zipf", "tviews-statement.social", "hand-written.social");
        assertThat(quick.jmhRuns()).anySatisfy(r -> assertThat(r.include()).isEqualTo("WarmSessionBenchmark.largeUpdate"));
        assertThat(quick.jmhRuns()).allSatisfy(r -> assertThat(r.settings().measurementIterations()).isGreaterThanOrEqualTo(3));
    }
}
