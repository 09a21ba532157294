package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.benchmarks.jmh.launch.JmhLauncher;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jmh …}: JMH's own command line, with the server options of this tool. Everything that is not
 * {@code --jdbc-url}, {@code --pg-major} or {@code --provider} goes to JMH unchanged ({@code -f}, {@code -wi},
 * {@code -i}, {@code -p name=v1,v2}, {@code -rf json -rff file}, a benchmark regex, {@code -l}, {@code -h} …).
 */
@Command(name = "jmh",
        description = {"Run JMH benchmarks on one server shared by all forks. Arguments other than the server options "
                + "are JMH's own, e.g.:",
                "  jmh RefreshBenchmark.singleRowUpdate -p scale=100000 -p strategy=tviews-statement,hand-written "
                        + "-f 1 -wi 2 -i 3 -rf json -rff results.json",
                "  jmh -l        list the benchmarks;   jmh -h   JMH's help"})
final class JmhCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Unmatched
    List<String> jmhArguments = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArguments.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            spec.commandLine().getErr().println("error: JMH does not accept these arguments: " + e.getMessage()
                    + " (jmh -h lists JMH's options)");
            return 2;
        }
        if (options.shouldHelp()) {
            options.showHelp();
            return 0;
        }
        if (options.shouldList() || options.shouldListWithParams() || options.shouldListProfilers()
                || options.shouldListResultFormats()) {
            Runner runner = new Runner(options);
            if (options.shouldList()) {
                runner.list();
            } else if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else if (options.shouldListProfilers()) {
                options.listProfilers();
            } else {
                options.listResultFormats();
            }
            return 0;
        }
        try (BenchSession session = BenchSession.open(database)) {
            System.err.println("server: " + session.server().describe() + ", " + session.server().serverVersion());
            Collection<RunResult> results = JmhLauncher.run(options, session.connectionFile(), null);
            return results.isEmpty() ? 1 : 0;
        }
    }
}
