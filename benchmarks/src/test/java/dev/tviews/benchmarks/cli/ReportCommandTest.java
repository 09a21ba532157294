package dev.tviews.benchmarks.cli;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunStatus;
import dev.tviews.reports.model.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 2 through the command line: {@code report} renders a short, interrupted run and says so. */
class ReportCommandTest {

    @Test
    void aPartialLoadRunRendersLabelledIncomplete(@TempDir Path dir) throws Exception {
        ResultsFolder.writeSummary(dir, new Summary(null, List.of()).withStatus(RunStatus.incomplete(
                "interrupted by SIGINT during load hand-written", List.of("load hand-written"))));
        ResultsFolder.writeLoadRun(dir, new LoadRun("tviews-statement", "ecommerce", 2, 1.0,
                List.of(new LoadRun.ThroughputSample(1.0, 12)), 12L, 0L, 12L, 60_000L, 0L, List.of(), null, null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = TviewsCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("report", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("report: " + dir.resolve("report.html").toAbsolutePath());
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Incomplete run")
                .contains("Missing: load hand-written.").contains("tviews load report");
    }
}
