package dev.tviews.reports.model;

import dev.tviews.reports.Fixtures;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFolderTest {

    @Test
    void readsEveryPartOfTheFixture() {
        RunResults results = ResultsFolder.read(Fixtures.results());
        assertThat(results.summary()).isPresent();
        assertThat(results.summary().get().schemaVersion()).isEqualTo(Summary.CURRENT_SCHEMA_VERSION);
        assertThat(results.summary().get().targets()).hasSize(6);
        assertThat(results.environment().orElseThrow().postgresSettings()).containsEntry("fsync", "off");
        assertThat(results.jmh()).hasSize(94);
        assertThat(results.loadRuns()).extracting(LoadRun::strategy)
                .containsExactly("hand-written", "tviews-row", "tviews-statement");
        assertThat(results.latencies()).hasSize(6)
                .allSatisfy(l -> assertThat(l.histogram().getTotalCount()).isEqualTo(4_500));
        assertThat(results.checker().orElseThrow().runs()).hasSize(4);
        assertThat(results.checker().get().totalFailures()).isEqualTo(1);
        assertThat(results.notes()).isEmpty();
    }

    @Test
    void jmhNanScoreErrorIsReadAsNaN() {
        JmhResult liveJoin = ResultsFolder.read(Fixtures.results()).jmh().stream()
                .filter(r -> r.methodName().equals("liveJoin")).findFirst().orElseThrow();
        assertThat(liveJoin.primaryMetric().scoreError()).isNaN();
        assertThat(liveJoin.className()).isEqualTo("ReadPathBenchmark");
        assertThat(liveJoin.shortName()).isEqualTo("ReadPathBenchmark.liveJoin");
        assertThat(liveJoin.params()).isEmpty();
    }

    @Test
    void writtenRecordsReadBackEqual(@TempDir Path dir) throws IOException {
        Summary summary = new Summary(Environment.ofThisJvm("PostgreSQL 18.1", Map.of("fsync", "off"), "embedded",
                "abc123", "quick"), List.of(new Target("t", "d", 1.0, 2.0, "ms", Target.Better.LOWER, "cmd")));
        LoadRun run = new LoadRun("tviews-statement", "ecommerce", 8, 30.0,
                List.of(new LoadRun.ThroughputSample(1, 1000)), 30_000L, 0L, 21_000L, 42_000_000L, 0L,
                List.of(new LoadRun.OperationTotals("updateProductPrice", 30_000L, 0L)), 1000.0,
                new LoadRun.Contention(2L, 1L, 2L, 0.5, 0.1, 3, 100));
        CheckerSummary checker = new CheckerSummary(List.of(new CheckerSummary.CheckerRun("ecommerce", "tviews",
                "statement", 1, 42L, 10L, 20L, 10L, 0L, 1.5, List.of(), List.of())));
        ResultsFolder.writeSummary(dir, summary);
        ResultsFolder.writeLoadRun(dir, run);
        ResultsFolder.writeChecker(dir, checker);
        try (PrintStream out = new PrintStream(Files.newOutputStream(
                ResultsFolder.histogramLog(dir, "tviews-statement", "updateProductPrice")))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            Histogram h = new Histogram(3);
            h.recordValue(500_000);
            writer.outputIntervalHistogram(0, 1, h, 1e6);
        }

        RunResults read = ResultsFolder.read(dir);
        assertThat(read.summary()).contains(summary);
        assertThat(read.loadRuns()).containsExactly(run);
        assertThat(read.checker()).contains(checker);
        assertThat(read.latencies()).singleElement().satisfies(l -> {
            assertThat(l.strategy()).isEqualTo("tviews-statement");
            assertThat(l.operation()).isEqualTo("updateProductPrice");
            assertThat(l.histogram().getTotalCount()).isEqualTo(1);
        });
        assertThat(run.walBytesPerWrite()).hasValue(2000.0);
        assertThat(run.meanThroughput()).hasValue(1000.0);
    }

    @Test
    void malformedJmhJsonNamesTheFileAndTheJsonPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), """
                [ {"benchmark": "a.B.c", "mode": "avgt", "primaryMetric": {"score": 1.0, "scoreUnit": "ms/op"}},
                  {"benchmark": "a.B.d", "mode": "avgt", "primaryMetric": {"score": {"oops": 1}, "scoreUnit": "ms/op"}} ]
                """);
        assertThatThrownBy(() -> ResultsFolder.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("jmh.json").toString())
                .hasMessageContaining("$[1].primaryMetric.score")
                .hasMessageContaining("docs/reports.md");
    }

    @Test
    void invalidJsonNamesLineAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\n  \"schemaVersion\": 1,\n  \"targets\": [ oops ]\n}");
        assertThatThrownBy(() -> ResultsFolder.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining("summary.json").hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 3");
    }

    @Test
    void jmhResultWithoutUnitIsRejectedWithItsIndex(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), "[ {\"benchmark\": \"a.B.c\", \"primaryMetric\": {\"score\": 1}} ]");
        assertThatThrownBy(() -> ResultsFolder.read(dir))
                .hasMessageContaining("$[0]").hasMessageContaining("scoreUnit").hasMessageContaining("a.B.c");
    }

    @Test
    void brokenHistogramLogNamesTheFile(@TempDir Path dir) throws IOException {
        Path log = ResultsFolder.histogramLog(dir, "tviews-row", "insertReview");
        Files.writeString(log, "0.000,10.000,1.0,HISTFAAAA-this-is-not-a-histogram\n");
        assertThatThrownBy(() -> ResultsFolder.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("HistogramLogWriter");
    }

    @Test
    void emptyHistogramLogIsLeftOutWithANote(@TempDir Path dir) throws IOException {
        Files.writeString(ResultsFolder.histogramLog(dir, "tviews-row", "insertReview"), "#[empty]\n");
        Files.writeString(dir.resolve("jmh.json"), "[]");
        RunResults results = ResultsFolder.read(dir);
        assertThat(results.latencies()).isEmpty();
        assertThat(results.notes()).singleElement().asString().contains("tviews-row/insertReview.hlog");
    }

    @Test
    void missingOrEmptyFolderIsExplained(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsFolder.read(dir.resolve("nope")))
                .isInstanceOf(ResultsFormatException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ResultsFolder.read(dir))
                .isInstanceOf(ResultsFormatException.class).hasMessageContaining("not a results folder");
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingOnesAreEmpty(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("load"));
        Files.writeString(dir.resolve("load/hand-written.json"), "{\"someFutureField\": 1, \"clients\": 4}");
        RunResults results = ResultsFolder.read(dir);
        LoadRun run = results.loadRuns().get(0);
        assertThat(run.strategy()).as("taken from the file name").isEqualTo("hand-written");
        assertThat(run.throughput()).isEmpty();
        assertThat(run.walBytesPerWrite()).isEmpty();
        assertThat(results.notes()).singleElement().asString().contains("names no strategy");
    }

    @Test
    void strategyNamesMustBeFileNames(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsFolder.histogramLog(dir, "../etc", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../etc'");
    }

    @Test
    void targetVerdicts() {
        assertThat(new Target("a", null, 1.0, 2.0, "ms", Target.Better.LOWER, null).verdict())
                .isEqualTo(Target.Verdict.MET);
        assertThat(new Target("a", null, 3.0, 2.0, "ms", Target.Better.LOWER, null).verdict())
                .isEqualTo(Target.Verdict.MISSED);
        assertThat(new Target("a", null, 3.0, 2.0, "x", Target.Better.HIGHER, null).verdict())
                .isEqualTo(Target.Verdict.MET);
        assertThat(new Target("a", null, 2.0, 2.0, "x", Target.Better.HIGHER, null).verdict())
                .as("the threshold itself meets").isEqualTo(Target.Verdict.MET);
        assertThat(new Target("a", null, null, 2.0, "x", Target.Better.HIGHER, null).verdict())
                .isEqualTo(Target.Verdict.NOT_MEASURED);
    }
}
