package dev.tviews.benchmarks.profile;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeMap;

/**
 * JMH's output for a profile run, shortened to what a person waiting wants to see on stderr: one line per
 * trial (which benchmark and params, how far through the profile, elapsed time and an estimate of what is
 * left) and its score, the forks' own lines (data set loading, setup timings, errors) indented, and
 * failures in full. JMH's banners and per-iteration lines are left out.
 */
final class ProgressFormat implements OutputFormat {

    private final PrintStream err;
    private final Progress progress;
    private final JmhSettings settings;
    private int failures;
    private BenchmarkParams current;
    private boolean resultSeen;

    ProgressFormat(PrintStream err, Progress progress, JmhSettings settings) {
        this.err = err;
        this.progress = progress;
        this.settings = settings;
    }

    /** Expected seconds of one trial: its iterations, the fork, and the setup, which grows with the data. */
    static double expectedSeconds(JmhSettings s, String scale) {
        double iterations = s.warmupIterations() * s.warmupTime().toMillis() / 1000.0
                + s.measurementIterations() * s.measurementTime().toMillis() / 1000.0;
        long rows = scale == null ? 0 : Long.parseLong(scale);
        return iterations + 2 + rows / 12_500.0;
    }

    int failures() {
        return failures;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        current = params;
        resultSeen = false;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.', params.getBenchmark().lastIndexOf('.') - 1) + 1);
        TreeMap<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        double weight = expectedSeconds(settings, values.get("scale"));
        err.printf(Locale.ROOT, "%s %s %s%n", progress.startItem(weight), method, values.isEmpty() ? "" : values.toString());
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            return;
        }
        resultSeen = true;
        Result<?> primary = result.getPrimaryResult();
        double error = primary.getScoreError();
        err.printf(Locale.ROOT, "    = %s %s%s (%d iterations)%n", format(primary.getScore()),
                Double.isNaN(error) ? "" : "± " + format(error) + " ", primary.getScoreUnit(), primary.getSampleCount());
        progress.endItem();
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> result) {
    }

    @Override
    public void print(String s) {
        forward(s);
    }

    @Override
    public void println(String s) {
        forward(s);
    }

    /** Forks' output and JMH's messages; a failure shows up here (JMH prints "<failure>" and the stack trace). */
    private void forward(String s) {
        if (s == null || s.isBlank()) {
            return;
        }
        if (s.contains("<failure>") || s.contains("<forked VM failed")) {
            failures++;
            if (current != null && !resultSeen) {
                progress.endItem();
                resultSeen = true;
            }
        }
        if (s.startsWith("#") || s.startsWith("Warmup") || s.startsWith("Iteration")) {
            return;
        }
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                err.println("    " + line.stripTrailing());
            }
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        err.flush();
    }

    @Override
    public void verbosePrintln(String s) {
    }

    @Override
    public void write(int b) {
        err.write(b);
    }

    @Override
    public void write(byte[] b) {
        err.write(b, 0, b.length);
    }
}
