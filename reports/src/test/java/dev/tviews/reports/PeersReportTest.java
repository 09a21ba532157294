package dev.tviews.reports;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.PeersLayout;
import dev.tviews.reports.model.ResultsFolder;
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

/** The main job's peers comparison: ratios to pg_ivm in the glance cards, stale rows beside each throughput. */
class PeersReportTest {

    @Test
    void peersRunsGiveTheRatiosToPgIvmWithTheirTargets(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()));
        Path c8 = dir.resolve(PeersLayout.DIR).resolve(PeersLayout.group("small", 8));
        Path c1 = dir.resolve(PeersLayout.DIR).resolve(PeersLayout.group("small", 1));
        write(c8, "tviews-statement", 900, 0, 2_000_000);
        write(c8, "pg-ivm", 200, 0, 9_000_000);
        write(c8, "hand-written", 1800, 5, 1_000_000);
        write(c8, "refresh-mv", 0.5, 0, 900_000_000);
        write(c1, "tviews-statement", 300, 0, 2_000_000);
        write(c1, "hand-written", 900, 0, 500_000);
        write(c1, "pg-ivm", 400, 0, 1_000_000);

        String html = Files.readString(ReportGenerator.generate(dir));

        String glance = html.substring(html.indexOf("id=\"glance\""), html.indexOf("id=\"targets\""));
        assertThat(glance).contains("tviews-statement ÷ pg-ivm throughput").contains("4.5×")
                .contains("tviews-statement 900 ops/s, 0 stale rows vs pg-ivm 200 ops/s, 0 stale rows")
                .contains("target ≥ 3×")
                .contains("Single-row write latency tviews-statement ÷ pg-ivm").contains("2×").contains("target ≤ 1×")
                .contains("change_amount, median: 2 ms vs 1 ms");
        String peers = html.substring(html.indexOf("<section id=\"peers\">"), html.indexOf("<section id=\"consistency\">"));
        assertThat(peers).contains("Scale small, 1 client").contains("Scale small, 8 clients").contains("÷ pg-ivm")
                .contains("refresh-mv").contains("badge bad\">5<").contains("Throughput — peers small, 8 clients");
    }

    @Test
    void withoutPeersTheSectionSaysWhatToInstall(@TempDir Path dir) throws IOException {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()));
        String html = Files.readString(ReportGenerator.generate(dir));
        String peers = html.substring(html.indexOf("<section id=\"peers\">"), html.indexOf("<section id=\"consistency\">"));
        assertThat(peers).contains("no installed PostgreSQL has pg_ivm").contains("postgresql-15").contains("pg-ivm-install");
        assertThat(html).contains("tviews vs pg_ivm");
    }

    /** One run; every operation took {@code latencyNanos}. */
    private static void write(Path folder, String strategy, double opsPerSecond, long stale, long latencyNanos)
            throws IOException {
        long total = Math.max(1, Math.round(opsPerSecond * 2));
        ResultsFolder.writeLoadRun(folder, new LoadRun(strategy, "peers", 8, 2.0,
                List.of(new LoadRun.ThroughputSample(2.0, opsPerSecond)), total, 0L, total, total * 3000, stale,
                List.of(), opsPerSecond, null));
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.recordValueWithCount(latencyNanos, 200);
        try (PrintStream out = new PrintStream(Files.newOutputStream(ResultsFolder.histogramLog(folder, strategy, "change_amount")),
                false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(h);
        }
    }
}
