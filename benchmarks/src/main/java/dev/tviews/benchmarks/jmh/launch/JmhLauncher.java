package dev.tviews.benchmarks.jmh.launch;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs JMH in this process against the server of this process: the forks get the server's connection
 * file as a system property, added to whatever JVM arguments the options already append.
 */
public final class JmhLauncher {

    private JmhLauncher() {
    }

    /** {@code options} plus the fork argument that hands the server to the forks. */
    public static Options withServer(Options options, Path connectionFile) {
        List<String> append = new ArrayList<>(options.getJvmArgsAppend().orElse(List.of()));
        append.add("-D" + BenchServer.PROPERTY + "=" + connectionFile.toAbsolutePath());
        ChainedOptionsBuilder b = new OptionsBuilder().parent(options).jvmArgsAppend(append.toArray(String[]::new));
        return b.build();
    }

    public static Collection<RunResult> run(Options options, Path connectionFile, OutputFormat output) throws RunnerException {
        Options withServer = withServer(options, connectionFile);
        return output == null ? new Runner(withServer).run() : new Runner(withServer, output).run();
    }
}
