package dev.tviews.reports;

import dev.tviews.reports.model.ResultsFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of the committed fixture folder, checked the way a reader would look at it. */
class ReportGeneratorTest {
    private static final List<String> EXPECTED_FIGURES = List.of(
            "speedup-singleRowUpdate", "speedup-singleRowInsert", "speedup-singleRowDelete",
            "trigger-mode-bulkUpdate", "trigger-mode-bulkInsert", "trigger-mode-bulkDelete",
            "cascade-categoryRename", "cascade-celebrityRename",
            "throughput", "wal", "latency-insertReview", "latency-updateProductPrice");

    static String html;
    static PageInspector page;

    @BeforeAll
    static void render() {
        html = RenderedFixture.html();
        page = new PageInspector(html);
    }

    @Test
    void everyChartIsPresentAndIsAPicture() {
        List<PageInspector.Figure> figures = page.figures();
        assertThat(figures).extracting(PageInspector.Figure::id).containsExactlyInAnyOrderElementsOf(EXPECTED_FIGURES);
        for (PageInspector.Figure figure : figures) {
            assertThat(figure.missing()).as(figure.id() + " is measured in the fixture").isFalse();
            assertThat(figure.image().getWidth()).as(figure.id() + " width").isEqualTo(2 * figure.width());
            assertThat(figure.image().getHeight()).as(figure.id() + " height").isEqualTo(2 * figure.height());
            PageInspector.assertNotBlank(figure.image(), figure.id());
            assertThat(figure.alt()).as(figure.id() + " title").isNotBlank();
            assertThat(figure.caption()).as(figure.id() + " reading").hasSizeGreaterThan(40).endsWith(".");
        }
    }

    @Test
    void readingsStateTheNumbersThatMatter() {
        assertThat(caption("speedup-singleRowUpdate"))
                .contains("At 100,000 rows").contains("with tviews-statement").contains("REFRESH MATERIALIZED VIEW")
                .contains("refresh-mv-concurrently is").contains("slower");
        assertThat(caption("trigger-mode-bulkUpdate")).contains("At 10,000 rows per statement, one statement takes")
                .contains("row is 11").contains("slower than statement");
        assertThat(caption("cascade-categoryRename")).contains("From fan-out 10 to 1,000");
        assertThat(caption("latency-updateProductPrice")).contains("99th percentile").contains("hand-written");
        assertThat(caption("wal")).contains("hand-written").contains("× hand-written");
        assertThat(caption("throughput")).contains("Mean throughput").contains("ops/s");
    }

    @Test
    void benchmarkTableHasEveryJmhResultWithRatiosToHandWritten() {
        int jmhResults = ResultsFolder.read(Fixtures.results()).jmh().size();
        List<String> rows = page.tableRows("benchmarks");
        assertThat(rows).hasSize(jmhResults);
        String update100k = rows.stream().filter(r -> r.contains("RefreshBenchmark.singleRowUpdate")
                && r.contains("scale=100000, strategy=tviews-statement")).findFirst().orElseThrow();
        assertThat(update100k).contains("ms/op").contains("1.09×");
        String handWritten = rows.stream().filter(r -> r.contains("RefreshBenchmark.singleRowUpdate")
                && r.contains("scale=100000, strategy=hand-written")).findFirst().orElseThrow();
        assertThat(handWritten).contains(">1×<");
        String trigger = rows.stream().filter(r -> r.contains("TriggerModeBenchmark")).findFirst().orElseThrow();
        assertThat(trigger).as("no strategy param, no ratio").endsWith("<td class=\"num\"></td>");
        String liveJoin = rows.stream().filter(r -> r.contains("ReadPathBenchmark.liveJoin")).findFirst().orElseThrow();
        assertThat(liveJoin).as("JMH's \"NaN\" error").contains("n/a").contains("ops/s");
    }

    @Test
    void targetsAreMarkedMetMissedOrNotMeasured() {
        List<String> rows = page.tableRows("targets");
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().filter(r -> r.contains("badge good\">met<"))).hasSize(4);
        assertThat(rows.stream().filter(r -> r.contains("badge bad\">missed<"))).hasSize(1)
                .allSatisfy(r -> assertThat(r).contains("p99-update-latency-under-load").contains("≤ 1.25 ms"));
        assertThat(rows.stream().filter(r -> r.contains("not measured<"))).hasSize(1)
                .allSatisfy(r -> assertThat(r).contains("single-row-update-pg14"));
        assertThat(html).contains("java -jar benchmarks.jar jmh RefreshBenchmark.singleRowUpdate");
    }

    @Test
    void consistencyResultsLinkAndEmbedTheReproducer() {
        List<String> rows = page.tableRows("consistency");
        assertThat(rows).hasSize(4);
        String failed = rows.stream().filter(r -> r.contains("social-row-seed-7")).findFirst().orElseThrow();
        assertThat(failed).contains("<td>social</td>").contains("<td>row</td>").contains("<td class=\"num\">1</td>")
                .contains("<a href=\"checker/reproducers/social-row-seed-7.sql\">");
        assertThat(html).contains("1 failure").contains("1,240 checks in 4 runs")
                .contains("UPDATE tb_user SET name = &#39;bob&#39; WHERE pk_user = 3;")
                .contains("$.comments[2].author");
    }

    @Test
    void loadAndLatencyTablesAreFilled() {
        assertThat(page.tableRows("load")).hasSize(3)
                .allSatisfy(r -> assertThat(r).contains("ecommerce").contains("ops/s").contains("KiB"));
        assertThat(page.tableRows("latency")).hasSize(6).allSatisfy(r -> assertThat(r).contains("4,500"));
    }

    @Test
    void environmentIsRecordedWithoutCredentials() {
        assertThat(page.tableRows("environment")).hasSizeGreaterThan(10);
        assertThat(html).contains("PostgreSQL 18.1 on x86_64").contains("synchronous_commit").contains("a1b2c3d4e5f6")
                .contains("OpenJDK 64-Bit Server VM").contains("2025-11-24T01:32:00Z").contains("quick");
        assertThat(html).doesNotContain("hunter2").doesNotContain("s3cr3t-conninfo")
                .doesNotContain("topsecret-passphrase").contains("password=***");
    }

    @Test
    void pageIsSelfContained() {
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link").doesNotContain("@import").doesNotContain("url(");
        for (String link : page.links()) {
            assertThat(link).as("every src/href is embedded data, an anchor or a file of the results folder")
                    .matches("data:image/png;base64,.*|#[a-z-]+|checker/reproducers/[\\w.-]+\\.sql");
        }
        for (String anchor : page.links().stream().filter(l -> l.startsWith("#")).toList()) {
            assertThat(html).as("anchor target " + anchor).contains("id=\"" + anchor.substring(1) + "\"");
        }
    }

    @Test
    void defaultOutputIsReportHtmlInTheResultsFolder() {
        assertThat(RenderedFixture.report()).hasFileName("report.html")
                .hasParent(RenderedFixture.DIR.resolve("results").toAbsolutePath());
    }

    @Test
    void reproducerLinksResolveFromAnotherOutputFolder(@TempDir Path temp) throws IOException {
        // Only the checker's files: no charts to draw, so the test stays fast.
        Path copy = temp.resolve("results");
        Files.createDirectories(copy.resolve("checker"));
        Files.copy(Fixtures.results().resolve("checker/summary.json"), copy.resolve("checker/summary.json"));
        Fixtures.copy(Fixtures.results().resolve("checker/reproducers"), copy.resolve("checker/reproducers"));
        Path report = ReportGenerator.generate(copy, temp.resolve("site/reports/index.html"));
        String other = Files.readString(report);
        assertThat(other).contains("href=\"../../results/checker/reproducers/social-row-seed-7.sql\"");
        assertThat(report.getParent().resolve("../../results/checker/reproducers/social-row-seed-7.sql")).exists();
    }

    private static String caption(String id) {
        return page.figures().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().caption();
    }
}
