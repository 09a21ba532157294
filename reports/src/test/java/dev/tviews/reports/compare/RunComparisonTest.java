package dev.tviews.reports.compare;

import dev.tviews.reports.Fixtures;
import dev.tviews.reports.PageInspector;
import dev.tviews.reports.model.JmhResult;
import dev.tviews.reports.model.ResultsFormatException;
import dev.tviews.reports.model.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunComparisonTest {
    static final String B = "dev.tviews.benchmarks.jmh.RefreshBenchmark.singleRowUpdate";

    static JmhResult result(String benchmark, double score, double error, String unit, Map<String, String> params) {
        return new JmhResult(benchmark, unit.startsWith("ops/") ? "thrpt" : "avgt", 1, 1, params,
                new JmhResult.Metric(score, error, unit));
    }

    static Comparison compare(List<JmhResult> before, List<JmhResult> after) {
        return RunComparison.compare(
                new RunResults(Path.of("old"), Optional.empty(), before, List.of(), List.of(), Optional.empty(), List.of(), List.of(), List.of()),
                new RunResults(Path.of("new"), Optional.empty(), after, List.of(), List.of(), Optional.empty(), List.of(), List.of(), List.of()));
    }

    @Test
    void timeRegressesOnlyBeyondTheCombinedError() {
        Map<String, String> p = Map.of("strategy", "tviews-statement");
        // 1.00 ± 0.05 → 1.09 ± 0.05: worse by 0.09 < 0.10, within the error.
        assertThat(compare(List.of(result(B, 1.00, 0.05, "ms/op", p)), List.of(result(B, 1.09, 0.05, "ms/op", p)))
                .changes()).singleElement().extracting(BenchmarkChange::status).isEqualTo(ChangeStatus.UNCHANGED);
        // 1.00 ± 0.05 → 1.11 ± 0.05: worse by 0.11 > 0.10.
        Comparison worse = compare(List.of(result(B, 1.00, 0.05, "ms/op", p)), List.of(result(B, 1.11, 0.05, "ms/op", p)));
        assertThat(worse.hasRegressions()).isTrue();
        assertThat(worse.regressions().get(0).changePercent()).hasValueSatisfying(v -> assertThat(v).isCloseTo(11, within(1e-9)));
        // 1.00 ± 0.05 → 0.80 ± 0.05: better.
        assertThat(compare(List.of(result(B, 1.00, 0.05, "ms/op", p)), List.of(result(B, 0.80, 0.05, "ms/op", p)))
                .changes()).singleElement().extracting(BenchmarkChange::status).isEqualTo(ChangeStatus.IMPROVED);
    }

    @Test
    void throughputRegressesWhenItFalls() {
        String t = "x.ReadPathBenchmark.tvLookup";
        Comparison lower = compare(List.of(result(t, 1000, 10, "ops/s", Map.of())),
                List.of(result(t, 900, 10, "ops/s", Map.of())));
        assertThat(lower.regressions()).singleElement()
                .satisfies(c -> assertThat(c.changePercent()).hasValueSatisfying(v -> assertThat(v).isCloseTo(-10, within(1e-9))));
        Comparison higher = compare(List.of(result(t, 1000, 10, "ops/s", Map.of())),
                List.of(result(t, 1100, 10, "ops/s", Map.of())));
        assertThat(higher.withStatus(ChangeStatus.IMPROVED)).hasSize(1);
    }

    @Test
    void unitsAreNormalisedBeforeComparing() {
        Map<String, String> p = Map.of("scale", "1000");
        // 450 us/op ± 10 → 0.46 ms/op ± 0.01: 10 µs worse, within 20 µs.
        Comparison c = compare(List.of(result(B, 450, 10, "us/op", p)), List.of(result(B, 0.46, 0.01, "ms/op", p)));
        BenchmarkChange change = c.changes().get(0);
        assertThat(change.status()).isEqualTo(ChangeStatus.UNCHANGED);
        assertThat(change.unit()).isEqualTo("ms/op");
        assertThat(change.baseline().orElseThrow().value()).isCloseTo(0.45, within(1e-12));
        assertThat(change.changePercent().orElseThrow()).isCloseTo(2.222, within(1e-3));
    }

    @Test
    void unknownErrorIsShownNotJudged() {
        String t = "x.ReadPathBenchmark.liveJoin";
        Comparison c = compare(List.of(result(t, 1000, Double.NaN, "ops/s", Map.of())),
                List.of(result(t, 500, 10, "ops/s", Map.of())));
        assertThat(c.changes()).singleElement().extracting(BenchmarkChange::status)
                .isEqualTo(ChangeStatus.NO_ERROR_ESTIMATE);
        assertThat(c.hasRegressions()).isFalse();
    }

    @Test
    void differentParamsOrModesAreDifferentBenchmarks() {
        Comparison c = compare(List.of(result(B, 1, 0.1, "ms/op", Map.of("scale", "1000"))),
                List.of(result(B, 1, 0.1, "ms/op", Map.of("scale", "10000"))));
        assertThat(c.changes()).extracting(BenchmarkChange::status)
                .containsExactlyInAnyOrder(ChangeStatus.ADDED, ChangeStatus.REMOVED);
    }

    @Test
    void fixtureRunsShowRegressionsImprovementsAndMissingBenchmarks() {
        Comparison c = RunComparison.compare(Fixtures.baseline(), Fixtures.results());
        assertThat(c.baselineName()).isEqualTo("fixture-baseline");
        assertThat(c.hasRegressions()).isTrue();
        assertThat(c.regressions()).allSatisfy(r -> {
            assertThat(r.benchmark()).contains("RefreshBenchmark");
            assertThat(r.unit()).isEqualTo("ms/op");
            double worse = r.current().orElseThrow().value() - r.baseline().orElseThrow().value();
            assertThat(worse).isGreaterThan(r.baseline().get().error() + r.current().get().error());
        });
        assertThat(c.withStatus(ChangeStatus.IMPROVED)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.benchmark()).contains("TriggerModeBenchmark"));
        assertThat(c.withStatus(ChangeStatus.REMOVED)).extracting(BenchmarkChange::shortName)
                .containsExactly("ReadPathBenchmark.viewScan");
        assertThat(c.withStatus(ChangeStatus.ADDED)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.benchmark()).contains("WriteOverheadBenchmark"));
        assertThat(c.withStatus(ChangeStatus.NO_ERROR_ESTIMATE)).extracting(BenchmarkChange::shortName)
                .containsExactly("ReadPathBenchmark.liveJoin");
        assertThat(c.changes().get(0).status()).as("regressions first").isEqualTo(ChangeStatus.REGRESSED);
        assertThat(RunComparison.summary(c)).startsWith(c.regressions().size() + " regressed, ");
    }

    @Test
    void comparisonPageIsSelfContainedAndListsEveryBenchmark(@TempDir Path dir) throws IOException {
        Comparison c = RunComparison.compare(Fixtures.baseline(), Fixtures.results());
        Path file = RunComparison.write(c, dir.resolve("comparison.html"));
        String html = Files.readString(file);
        PageInspector page = new PageInspector(html);
        assertThat(page.tableRows("comparison")).hasSize(c.changes().size());
        assertThat(page.tableRows("comparison").get(0)).contains("badge bad\">regressed<");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("hunter2").doesNotContain("s3cr3t-conninfo")
                .contains("Baseline fixture-baseline (")
                .contains("0f1e2d3c4b5a").contains("a1b2c3d4e5f6");
        assertThat(page.tableRows("environment")).as("only what differs: the commit")
                .singleElement().asString().contains("Git commit");
    }

    @Test
    void folderWithoutJmhResultsIsExplained(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{}");
        assertThatThrownBy(() -> RunComparison.compare(dir, Fixtures.results()))
                .isInstanceOf(ResultsFormatException.class).hasMessageContaining("has no jmh.json");
    }
}
