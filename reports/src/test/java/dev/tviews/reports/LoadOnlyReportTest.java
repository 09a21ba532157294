package dev.tviews.reports;

import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunResults;
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

/** The page of a {@code load} run alone: it leads with the ratios it measured, not with what it never measures. */
class LoadOnlyReportTest {

    @Test
    void repeatedLoadRunsLeadWithRatiosStaleRowsAndMinMax(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()));
        // Two runs each; hand-written is twice as fast but leaves stale rows; refresh-mv barely moves.
        write(dir, "tviews-statement", 1, 1000, 2_000, 0, 20);
        write(dir, "tviews-statement", 2, 1200, 2_000, 0, 20);
        write(dir, "hand-written", 1, 2000, 1_000, 3, 20);
        write(dir, "hand-written", 2, 2400, 1_000, 4, 20);
        write(dir, "refresh-mv", 1, 0.3, 900_000, 0, 5);

        RunResults read = ResultsFolder.read(dir);
        assertThat(read.loadRuns()).extracting(LoadRun::repetition).containsExactly(1, 2, 1, 1, 2);
        assertThat(read.latencies()).filteredOn(l -> l.strategy().equals("tviews-statement"))
                .singleElement().satisfies(l -> assertThat(l.histogram().getTotalCount()).isEqualTo(40));

        String html = Files.readString(ReportGenerator.generate(dir));
        String glance = html.substring(html.indexOf("id=\"glance\""), html.indexOf("id=\"load\""));
        assertThat(glance).doesNotContain("not measured").doesNotContain("not run")
                .contains("Throughput tviews-statement ÷ hand-written").contains("0.5×")
                .contains("tviews-statement 1,100 ops/s (1,000–1,200), 0 stale rows")
                .contains("hand-written 2,200 ops/s (2,000–2,400), 7 stale rows")
                .contains("p50 latency tviews-statement ÷ hand-written")
                .contains("WAL per write tviews-statement ÷ hand-written").contains("2×")
                .contains("Repetitions").contains("2 runs each");
        // Only 20 samples per run: p99 is marked as beyond what they support.
        assertThat(glance).contains("too few for p99");
        assertThat(html).doesNotContain("id=\"refresh\"").doesNotContain("id=\"consistency\"");

        PageInspector page = new PageInspector(html);
        assertThat(page.tableRows("strategies")).hasSize(3)
                .anySatisfy(r -> assertThat(r).contains("hand-written").contains("2,200 ops/s (2,000–2,400)")
                        .contains("badge bad"));
        assertThat(page.figures()).filteredOn(f -> f.id().equals("mean-throughput")).singleElement()
                .satisfies(f -> assertThat(f.caption()).contains("refresh-mv 0.3 ops/s").contains("logarithmic"));
        assertThat(page.figures()).filteredOn(f -> f.id().equals("wal")).singleElement()
                .satisfies(f -> assertThat(f.caption()).contains("logarithmic"));
    }

    @Test
    void aSingleStrategyStillShowsWhatItMeasured(@TempDir Path dir) throws IOException {
        write(dir, "tviews-row", null, 500, 3_000, 0, 200);
        String html = Files.readString(ReportGenerator.generate(dir));
        String glance = html.substring(html.indexOf("id=\"glance\""), html.indexOf("id=\"load\""));
        assertThat(glance).doesNotContain("not measured").contains("500 ops/s").contains("WAL per write")
                .doesNotContain("Repetitions");
    }

    @Test
    void aVariantIsDividedByTheReferenceOfTheSameVariant() {
        List<LoadRun> runs = List.of(run("tviews-statement", 100), run("hand-written", 200),
                run("tviews-statement.social", 300), run("hand-written.social", 600), run("tviews-row.zipf", 50));
        LoadComparison c = LoadComparison.of(runs, List.of());
        java.util.function.Function<String, java.util.OptionalDouble> ratio = name -> c.ratioToReference(
                c.strategies().stream().filter(g -> g.strategy().equals(name)).findFirst().orElseThrow(),
                LoadComparison::medianThroughput);
        assertThat(ratio.apply("tviews-statement")).hasValue(0.5);
        assertThat(ratio.apply("tviews-statement.social")).hasValue(0.5);
        assertThat(ratio.apply("tviews-row.zipf")).as("no hand-written.zipf to divide by").isEmpty();
    }

    private static LoadRun run(String label, long operations) {
        return new LoadRun(label, "ecommerce", 8, 1.0, List.of(), operations, 0L, operations, 1000L, 0L, List.of(),
                null, null);
    }

    private static void write(Path dir, String strategy, Integer repetition, double opsPerSecond, long walPerWrite,
                              long stale, int samples) throws IOException {
        long total = Math.round(opsPerSecond * 10);
        ResultsFolder.writeLoadRun(dir, new LoadRun(strategy, "ecommerce", 8, 10.0,
                List.of(new LoadRun.ThroughputSample(10.0, opsPerSecond)), total, 0L, total,
                walPerWrite * total, stale, List.of(), opsPerSecond, null, repetition));
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < samples; i++) {
            h.recordValue(1_000_000L + 100_000L * i);
        }
        Path log = ResultsFolder.histogramLog(dir, LoadRun.fileKey(strategy, repetition), "update_price");
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(h);
        }
    }
}
