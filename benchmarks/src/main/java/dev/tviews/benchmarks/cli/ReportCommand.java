package dev.tviews.benchmarks.cli;

import dev.tviews.reports.ReportGenerator;
import dev.tviews.reports.compare.Comparison;
import dev.tviews.reports.compare.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code report [--baseline OLD] RESULTS}: the HTML report of a results folder, or its comparison with an older one. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write RESULTS/report.html from a results folder (see docs/reports.md).",
                "With --baseline, also write RESULTS/comparison.html comparing it with an older results folder; "
                        + "the exit code is then 1 when a benchmark regressed beyond the combined JMH errors."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "The results folder to report on.")
    Path results;

    @Option(names = "--baseline", paramLabel = "OLD", description = "An older results folder to compare with.")
    Path baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path report = ReportGenerator.generate(results);
        out.println("report: " + report.toAbsolutePath());
        if (baseline == null) {
            return 0;
        }
        Comparison comparison = RunComparison.compare(baseline, results);
        Path page = RunComparison.write(comparison, results.resolve(RunComparison.DEFAULT_FILE_NAME));
        out.println(RunComparison.summary(comparison));
        out.println("comparison: " + page.toAbsolutePath());
        return comparison.hasRegressions() ? 1 : 0;
    }
}
