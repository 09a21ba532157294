package dev.tviews.benchmarks.profile;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH invocation of a profile: the benchmark methods {@code include} (a JMH regular expression) at
 * every combination of {@code params}.
 */
public record JmhRun(String include, Map<String, List<String>> params, JmhSettings settings) {

    public JmhRun {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** How many trials (forked JVMs with one parameter combination each) this run makes per method. */
    public int trialsPerMethod() {
        return params.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b) * settings.forks();
    }

    /**
     * Benchmark methods the include matches, as JMH itself finds them in the jar's benchmark list ({@code A} alone
     * counts every method of A); where no list was compiled in, one per {@code |}-separated part.
     */
    public int methods() {
        try {
            int found = BenchmarkList.defaultList().find(
                    OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(include), List.of()).size();
            if (found > 0) {
                return found;
            }
        } catch (RuntimeException noList) {
            // no META-INF/BenchmarkList on the class path: fall back on the include's own parts
        }
        return include.split("\\|").length;
    }

    /** The command that repeats this run. */
    public String command() {
        String p = params.entrySet().stream().map(e -> "-p " + e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(" "));
        return "java -jar benchmarks/target/benchmarks.jar jmh '" + include + "' " + p + " " + settings.asOptions();
    }
}
