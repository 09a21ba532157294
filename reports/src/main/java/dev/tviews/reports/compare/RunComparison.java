package dev.tviews.reports.compare;

import dev.tviews.reports.compare.BenchmarkChange.Score;
import dev.tviews.reports.jmh.ScoreUnit;
import dev.tviews.reports.model.JmhResult;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.ResultsFormatException;
import dev.tviews.reports.model.RunResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the JMH results of two results folders. A benchmark regressed when the new score is worse than
 * the baseline's by more than the two score errors added together (for times: new − old > errOld + errNew;
 * for throughputs the other way round). Scores in different units (ms/op against us/op) are converted first.
 * <pre>
 * Comparison c = RunComparison.compare(Path.of("old-results"), Path.of("new-results"));
 * RunComparison.write(c, Path.of("new-results/comparison.html"));
 * if (c.hasRegressions()) { ... exit code 1 ... }
 * </pre>
 */
public final class RunComparison {
    public static final String DEFAULT_FILE_NAME = "comparison.html";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RunComparison() {
    }

    /** @throws ResultsFormatException when a folder is missing, has no jmh.json, or a file is malformed */
    public static Comparison compare(Path baselineFolder, Path currentFolder) {
        RunResults baseline = ResultsFolder.read(baselineFolder);
        RunResults current = ResultsFolder.read(currentFolder);
        for (RunResults run : List.of(baseline, current)) {
            if (run.jmh().isEmpty()) {
                throw new ResultsFormatException("The results folder " + run.folder().toAbsolutePath() + " has no "
                        + ResultsFolder.JMH + " (or it is empty): there is nothing to compare. Run the JMH suites "
                        + "into both folders first.");
            }
        }
        return compare(baseline, current);
    }

    public static Comparison compare(RunResults baseline, RunResults current) {
        Map<Key, JmhResult> before = index(baseline.jmh());
        Map<Key, JmhResult> after = index(current.jmh());
        List<BenchmarkChange> changes = new ArrayList<>();
        after.forEach((key, now) -> changes.add(change(key, before.get(key), now)));
        before.forEach((key, then) -> {
            if (!after.containsKey(key)) {
                changes.add(change(key, then, null));
            }
        });
        changes.sort(ORDER);
        return new Comparison(name(baseline.folder()), name(current.folder()), baseline.environment(),
                current.environment(), changes);
    }

    /** The comparison as a self-contained HTML page. */
    public static String render(Comparison comparison) {
        return ComparisonPage.render(comparison);
    }

    /** Writes {@link #render} to {@code output} (parent folders created) and returns it. */
    public static Path write(Comparison comparison, Path output) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, render(comparison), StandardCharsets.UTF_8);
        return output;
    }

    /**
     * {@code RunComparison <baseline-folder> <new-folder> [<output.html>]}: writes the page (by default
     * {@code <new-folder>/comparison.html}) and exits 1 when a benchmark regressed, 2 on bad input.
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: RunComparison <baseline-results-folder> <new-results-folder> [<output.html>]");
            System.exit(2);
        }
        try {
            Comparison comparison = compare(Path.of(args[0]), Path.of(args[1]));
            Path out = write(comparison,
                    args.length == 3 ? Path.of(args[2]) : Path.of(args[1]).resolve(DEFAULT_FILE_NAME));
            System.out.println("Comparison written to " + out + ": " + summary(comparison));
            System.exit(comparison.hasRegressions() ? 1 : 0);
        } catch (ResultsFormatException | IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** "2 regressed, 3 improved, 40 unchanged, 1 added, 1 removed". */
    public static String summary(Comparison comparison) {
        List<String> parts = new ArrayList<>();
        for (ChangeStatus status : ChangeStatus.values()) {
            int n = comparison.withStatus(status).size();
            if (n > 0 || status == ChangeStatus.REGRESSED) {
                parts.add(n + " " + status.name().toLowerCase().replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    static BenchmarkChange change(Key key, JmhResult then, JmhResult now) {
        JmhResult shown = now != null ? now : then;
        String unit = shown.primaryMetric().scoreUnit();
        Optional<Score> current = Optional.ofNullable(now).map(RunComparison::score);
        if (then == null) {
            return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.empty(), current, unit,
                    Optional.empty(), ChangeStatus.ADDED);
        }
        if (now == null) {
            return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.of(score(then)), Optional.empty(),
                    unit, Optional.empty(), ChangeStatus.REMOVED);
        }
        Optional<ScoreUnit> unitNow = ScoreUnit.parse(now.primaryMetric().scoreUnit());
        Optional<ScoreUnit> unitThen = ScoreUnit.parse(then.primaryMetric().scoreUnit());
        Score before = score(then);
        if (unitNow.isEmpty() || unitThen.isEmpty() || !unitNow.get().sameKind(unitThen.get())) {
            boolean sameUnit = Objects.equals(then.primaryMetric().scoreUnit(), now.primaryMetric().scoreUnit());
            return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.of(before), current, unit,
                    sameUnit ? percent(before.value(), current.get().value()) : Optional.empty(),
                    ChangeStatus.NOT_COMPARABLE);
        }
        before = new Score(unitThen.get().convert(before.value(), unitNow.get()),
                unitThen.get().convert(before.error(), unitNow.get()));
        Score after = current.get();
        Optional<Double> percent = percent(before.value(), after.value());
        if (percent.isEmpty()) {
            return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.of(before), current, unit,
                    Optional.empty(), ChangeStatus.NOT_COMPARABLE);
        }
        if (!Double.isFinite(before.error()) || !Double.isFinite(after.error())) {
            return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.of(before), current, unit, percent,
                    ChangeStatus.NO_ERROR_ESTIMATE);
        }
        double tolerance = before.error() + after.error();
        double worseBy = unitNow.get().lowerIsBetter() ? after.value() - before.value() : before.value() - after.value();
        ChangeStatus status = worseBy > tolerance ? ChangeStatus.REGRESSED
                : -worseBy > tolerance ? ChangeStatus.IMPROVED : ChangeStatus.UNCHANGED;
        return new BenchmarkChange(key.benchmark, key.mode, key.params, Optional.of(before), current, unit, percent,
                status);
    }

    private static Score score(JmhResult r) {
        return new Score(r.primaryMetric().score(), r.primaryMetric().scoreError());
    }

    private static Optional<Double> percent(double before, double after) {
        if (!Double.isFinite(before) || !Double.isFinite(after) || before == 0) {
            return Optional.empty();
        }
        return Optional.of((after - before) / before * 100.0);
    }

    /** Percent worse (negative: better), so the largest change of each status comes first. */
    private static double badness(BenchmarkChange c) {
        if (c.changePercent().isEmpty()) {
            return 0;
        }
        boolean lowerIsBetter = ScoreUnit.parse(c.unit()).map(ScoreUnit::lowerIsBetter).orElse(true);
        return lowerIsBetter ? c.changePercent().get() : -c.changePercent().get();
    }

    static final Comparator<BenchmarkChange> ORDER = Comparator
            .comparing(BenchmarkChange::status)
            .thenComparing(Comparator.comparingDouble((BenchmarkChange c) -> Math.abs(badness(c))).reversed())
            .thenComparing(BenchmarkChange::benchmark)
            .thenComparing(c -> c.params().toString());

    private static Map<Key, JmhResult> index(List<JmhResult> results) {
        Map<Key, JmhResult> index = new LinkedHashMap<>();
        for (JmhResult r : results) {
            index.putIfAbsent(new Key(r.benchmark(), r.mode(), new TreeMap<>(r.params())), r);
        }
        return index;
    }

    private static String name(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    record Key(String benchmark, String mode, Map<String, String> params) {
    }
}
