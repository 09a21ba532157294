package dev.tviews.reports;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunStatus;
import dev.tviews.reports.model.Summary;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs of a few seconds, and runs that stopped early: the report renders them and says what they cannot show. */
class ShortRunsTest {

    /** Sample counts of a 1–3 s run: every one of them used to be able to break the latency chart. */
    private static final int[] COUNTS = {1, 3, 7, 12, 41, 99};

    @Test
    void fewSamplesRenderEveryLatencyChartAndMarkThePercentilesTheyCannotSupport(@TempDir Path dir) throws IOException {
        for (String strategy : List.of("tviews-statement", "hand-written")) {
            for (int count : COUNTS) {
                writeLog(ResultsFolder.histogramLog(dir, strategy, "op_" + count), count);
            }
            ResultsFolder.writeLoadRun(dir, new LoadRun(strategy, "ecommerce", 8, 1.0,
                    List.of(new LoadRun.ThroughputSample(1.0, 40)), 40L, 0L, 30L, 90_000L, 0L, List.of(), null, null));
        }

        String html = Files.readString(ReportGenerator.generate(dir));

        PageInspector page = new PageInspector(html);
        assertThat(page.figures()).filteredOn(f -> f.id().startsWith("latency-"))
                .hasSize(COUNTS.length).allSatisfy(f -> assertThat(f.missing()).as(f.id() + " drawn").isFalse());
        assertThat(page.figures()).filteredOn(f -> f.id().equals("throughput") || f.id().equals("wal"))
                .allSatisfy(f -> assertThat(f.missing()).as(f.id() + " drawn").isFalse()).hasSize(2);
        List<String> rows = page.tableRows("latency");
        assertThat(rows).filteredOn(r -> r.contains("op_7")).allSatisfy(r -> assertThat(r).contains("*"));
        assertThat(html).contains("Fewer samples than the percentile needs")
                .contains("only 7 samples; p99.9 needs 1,000")
                .contains("only 99 samples; p99 needs 100")
                .doesNotContain("only 99 samples; p90");
        assertThat(html).doesNotContain("Incomplete run");
    }

    @Test
    void anInterruptedRunIsLabelledIncompleteWithWhatIsMissing(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()).withStatus(RunStatus.incomplete(
                "interrupted by SIGINT during load hand-written", List.of("load hand-written", "load refresh-mv"))));
        writeLog(ResultsFolder.histogramLog(dir, "tviews-statement", "update_price"), 5);

        String html = Files.readString(ReportGenerator.generate(dir));

        assertThat(html).contains("Incomplete run: </strong>interrupted by SIGINT during load hand-written.")
                .contains("Missing: load hand-written, load refresh-mv.");
        assertThat(ResultsFolder.read(dir).summary().orElseThrow().status().state()).isEqualTo("incomplete");
    }

    @Test
    void aRunThatNeverFinishedIsIncompleteToo(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()).withStatus(RunStatus.running(List.of("load x"))));
        String html = Files.readString(ReportGenerator.generate(dir));
        assertThat(html).contains("summary.json still says it is running").contains("Planned, possibly without results: load x.");
    }

    @Test
    void aCompleteRunHasNoBanner(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()).withStatus(RunStatus.complete()));
        assertThat(Files.readString(ReportGenerator.generate(dir))).doesNotContain("Incomplete run");
    }

    private static void writeLog(Path file, int count) throws IOException {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.setStartTimeStamp(1_763_947_920_000L);
        h.setEndTimeStamp(1_763_947_921_000L);
        for (int i = 0; i < count; i++) {
            h.recordValue(1_000_000L + 250_000L * i);
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputBaseTime(1_763_947_920_000L);
            writer.outputLegend();
            writer.outputIntervalHistogram(h);
        }
    }
}
