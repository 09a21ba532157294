package dev.tviews.benchmarks.profile;

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

    /** Methods matched: {@code A.x|A.y} counts two. */
    public int methods() {
        return include.split("\\|").length;
    }

    /** The command that repeats this run. */
    public String command() {
        String p = params.entrySet().stream().map(e -> "-p " + e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(" "));
        return "java -jar benchmarks/target/benchmarks.jar jmh '" + include + "' " + p + " " + settings.asOptions();
    }
}
