package dev.tviews.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs that produced only some of the inputs, or hostile names: the report says so and stays safe. */
class PartialResultsTest {

    @Test
    void onlyAReadPathBenchmarkSaysNotMeasuredEverywhereElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), """
                [ {"benchmark": "dev.tviews.benchmarks.jmh.ReadPathBenchmark.tvLookup", "mode": "thrpt",
                   "primaryMetric": {"score": 21000.5, "scoreError": "NaN", "scoreUnit": "ops/s"}} ]
                """);
        String html = Files.readString(ReportGenerator.generate(dir));
        PageInspector page = new PageInspector(html);
        assertThat(page.figures()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.missing()).as(f.id()).isTrue();
            assertThat(f.body()).contains("Not measured in this run");
        });
        assertThat(page.tableRows("benchmarks")).singleElement().asString().contains("21,000").contains("n/a");
        assertThat(html).contains("Not measured in this run: summary.json lists no targets.")
                .contains("Not measured in this run: the results folder has no checker/summary.json")
                .contains("Not measured in this run: the results folder has no load/&lt;strategy&gt;.json.")
                .contains("Environment not recorded (no summary.json).");
    }

    @Test
    void refreshWithoutFullRefreshRowsExplainsTheMissingBaseline(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), """
                [ {"benchmark": "dev.tviews.benchmarks.jmh.RefreshBenchmark.singleRowUpdate", "mode": "avgt",
                   "params": {"scale": "1000", "strategy": "tviews-statement"},
                   "primaryMetric": {"score": 0.42, "scoreError": 0.01, "scoreUnit": "ms/op"}} ]
                """);
        String html = Files.readString(ReportGenerator.generate(dir));
        assertThat(html).contains("no singleRowUpdate result with strategy=refresh-mv");
    }

    @Test
    void hostileNamesAreEscaped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), """
                [ {"benchmark": "x.TriggerModeBenchmark.<script>alert(1)</script>", "mode": "avgt",
                   "params": {"batchSize": "10", "mode": "<img src=x onerror=alert(2)>"},
                   "primaryMetric": {"score": 1.0, "scoreError": 0.1, "scoreUnit": "ms/op"}} ]
                """);
        Files.createDirectories(dir.resolve("checker"));
        Files.writeString(dir.resolve("checker/summary.json"), """
                {"runs": [ {"scenario": "</td><script>x()</script>", "failures": 1,
                            "reproducers": ["../../etc/passwd", "/etc/shadow", "checker/missing.sql"]} ]}
                """);
        String html = Files.readString(ReportGenerator.generate(dir));
        assertThat(html).doesNotContain("<script").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;");
        assertThat(new PageInspector(html).links()).as("no link leaves the results folder")
                .noneMatch(l -> l.contains("etc/")).contains("checker/missing.sql");
        assertThat(html).contains("not embedded: the path is outside the results folder")
                .contains("not embedded: the file is not in the results folder");
    }
}
