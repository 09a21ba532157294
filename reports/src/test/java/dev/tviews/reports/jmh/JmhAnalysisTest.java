package dev.tviews.reports.jmh;

import dev.tviews.reports.jmh.ParamSeries.Series;
import dev.tviews.reports.model.JmhResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JmhAnalysisTest {
    static final String REFRESH = "dev.tviews.benchmarks.jmh.RefreshBenchmark.singleRowUpdate";

    static JmhResult row(String benchmark, double score, double error, String unit, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        String mode = unit.startsWith("ops/") ? "thrpt" : "avgt";
        return new JmhResult(benchmark, mode, 1, 1, map, new JmhResult.Metric(score, error, unit));
    }

    @Test
    void unitsConvertWithinTheirKind() {
        ScoreUnit us = ScoreUnit.parse("us/op").orElseThrow();
        ScoreUnit ms = ScoreUnit.parse("ms/op").orElseThrow();
        ScoreUnit opsMs = ScoreUnit.parse("ops/ms").orElseThrow();
        assertThat(us.convert(1500, ms)).isCloseTo(1.5, within(1e-12));
        assertThat(ms.convert(1.5, us)).isCloseTo(1500, within(1e-9));
        assertThat(opsMs.convert(2, ScoreUnit.OPS_PER_SECOND)).isCloseTo(2000, within(1e-9));
        assertThat(opsMs.toMillisPerOp(2)).isCloseTo(0.5, within(1e-12));
        assertThat(ScoreUnit.parse("s/op").orElseThrow().toMillisPerOp(1.5)).isCloseTo(1500, within(1e-9));
        assertThat(ScoreUnit.parse("ns/op").orElseThrow().toMillisPerOp(2_000_000)).isCloseTo(2, within(1e-12));
        assertThat(ms.lowerIsBetter()).isTrue();
        assertThat(opsMs.lowerIsBetter()).isFalse();
        assertThat(ScoreUnit.parse("B/op")).isEmpty();
        assertThat(ScoreUnit.parse("walBytes")).isEmpty();
    }

    @Test
    void speedUpComparesAcrossUnits() {
        // refresh-mv in ms/op, tviews in us/op: JMH writes whatever unit each benchmark chose.
        List<JmhResult> rows = List.of(
                row(REFRESH, 1523.5, 10, "ms/op", "scale", "100000", "strategy", "refresh-mv"),
                row(REFRESH, 15.0, 1, "ms/op", "scale", "1000", "strategy", "refresh-mv"),
                row(REFRESH, 470, 5, "us/op", "scale", "100000", "strategy", "tviews-statement"),
                row(REFRESH, 420, 5, "us/op", "scale", "1000", "strategy", "tviews-statement"),
                row(REFRESH, 0.12, 0.01, "ms/op", "scale", "100000", "strategy", "none"));
        List<Series> speedups = Speedups.of(rows).orElseThrow();
        assertThat(speedups).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("tviews-statement");
            assertThat(s.points()).hasSize(2);
            assertThat(s.points().get(0).x()).isEqualTo(1000);
            assertThat(s.points().get(0).yMillis()).isCloseTo(15.0 / 0.42, within(1e-9));
            assertThat(s.points().get(1).yMillis()).isCloseTo(1523.5 / 0.47, within(1e-9));
        });
    }

    @Test
    void noSpeedUpWithoutFullRefresh() {
        assertThat(Speedups.of(List.of(row(REFRESH, 1, 0, "ms/op", "scale", "1000", "strategy", "tviews-row"))))
                .isEmpty();
    }

    @Test
    void ratioToHandWrittenMatchesAllOtherParams() {
        JmhResult hw1k = row(REFRESH, 0.40, 0.01, "ms/op", "scale", "1000", "strategy", "hand-written");
        JmhResult hw10k = row(REFRESH, 0.50, 0.01, "ms/op", "scale", "10000", "strategy", "hand-written");
        JmhResult tv1k = row(REFRESH, 440, 10, "us/op", "scale", "1000", "strategy", "tviews-statement");
        JmhResult tv10k = row(REFRESH, 0.60, 0.01, "ms/op", "scale", "10000", "strategy", "tviews-statement");
        JmhResult tv100k = row(REFRESH, 0.70, 0.01, "ms/op", "scale", "100000", "strategy", "tviews-statement");
        JmhResult noStrategy = row("x.ReadPathBenchmark.tvLookup", 100, 1, "ops/s");
        BaselineRatios ratios = BaselineRatios.of(List.of(hw1k, hw10k, tv1k, tv10k, tv100k, noStrategy));
        assertThat(ratios.ratioOf(tv1k)).hasValueCloseTo(1.1, within(1e-9));
        assertThat(ratios.ratioOf(tv10k)).hasValueCloseTo(1.2, within(1e-9));
        assertThat(ratios.ratioOf(hw1k)).hasValueCloseTo(1.0, within(1e-12));
        assertThat(ratios.ratioOf(tv100k)).as("no hand-written at that scale").isEmpty();
        assertThat(ratios.ratioOf(noStrategy)).isEmpty();
    }

    @Test
    void seriesAreOrderedAndLabelledByTheOtherVaryingParams() {
        String bench = "x.TriggerModeBenchmark.bulkUpdate";
        List<JmhResult> rows = List.of(
                row(bench, 3, 0, "ms/op", "batchSize", "10", "mode", "row", "scenario", "social"),
                row(bench, 2, 0, "ms/op", "batchSize", "1", "mode", "row", "scenario", "social"),
                row(bench, 1, 0, "ms/op", "batchSize", "1", "mode", "statement", "scenario", "social"),
                row(bench, 1, 0, "ms/op", "batchSize", "1", "mode", "statement", "scenario", "ecommerce"),
                row(bench, 1, 0, "ms/op", "batchSize", "lots", "mode", "statement", "scenario", "ecommerce"),
                row(bench, 1, 0, "ms/op", "mode", "statement"));
        List<Series> series = ParamSeries.group(rows, "batchSize", "mode");
        assertThat(series).extracting(Series::label).containsExactly(
                "statement (scenario=ecommerce)", "statement (scenario=social)", "row (scenario=social)");
        assertThat(series.get(2).points()).extracting(ParamSeries.Point::x).containsExactly(1.0, 10.0);
    }
}
