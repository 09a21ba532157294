package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.checker.cli.CheckCommand;
import dev.tviews.checker.cli.ReplayCommand;

import dev.tviews.benchmarks.profile.Profile;
import dev.tviews.benchmarks.profile.ProfileRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code java -jar benchmarks.jar}: the tviews command line. Without a command it runs a benchmark profile. */
@Command(name = "benchmarks.jar",
        mixinStandardHelpOptions = true,
        version = "tviews 0.1.0-SNAPSHOT",
        description = {"tviews benchmark and verification harness.",
                "Without a command: run the benchmark profile (default quick: under 10 minutes on 2 cores) on PostgreSQL "
                        + "(embedded unless --jdbc-url is given) and write results/<timestamp>/ with jmh.json, load runs, "
                        + "latency histograms, summary.json (environment and targets) and report.html."},
        subcommands = {CheckCommand.class, ReplayCommand.class, CompileCommand.class, JmhCommand.class, LoadCommand.class,
                ReportCommand.class, ServerCommand.class, InfoCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class})
public final class TviewsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "NAME",
            description = "quick (default: small scales and the target points, short iterations) or full (big scales, every strategy).")
    String profile;

    @Option(names = "--output", paramLabel = "DIR", description = "Results folder (default: results/<timestamp>).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profile chosen = Profile.named(profile);
        Path folder = output != null ? output : ProfileRunner.defaultFolder();
        try (BenchSession session = BenchSession.open(database)) {
            ProfileRunner runner = new ProfileRunner(session.server(), session.connectionFile(), chosen, folder, System.err);
            runner.run();
            out.println(folder.toAbsolutePath());
            out.flush();
            return runner.problems().isEmpty() ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        SignalStop.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TviewsCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cl;
    }
}
