package dev.tviews.benchmarks.profile;

import dev.tviews.benchmarks.consistency.ConsistencyPlan;
import dev.tviews.benchmarks.consistency.ConsistencyStage;
import dev.tviews.benchmarks.jmh.launch.JmhLauncher;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.scenarios.engine.PgIvmReadModels;
import dev.tviews.benchmarks.jmh.support.Timing;
import dev.tviews.benchmarks.jmh.support.Workspace;
import dev.tviews.benchmarks.load.LoadRunner;
import dev.tviews.benchmarks.load.LoadSpec;
import dev.tviews.benchmarks.peers.PeersStage;
import dev.tviews.benchmarks.results.EnvironmentProbe;
import dev.tviews.benchmarks.results.JmhJson;
import dev.tviews.benchmarks.results.RunRecord;
import dev.tviews.database.PostgresServer;
import dev.tviews.reports.ReportGenerator;
import dev.tviews.reports.model.CheckerSummary;
import dev.tviews.reports.model.Environment;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunResults;
import dev.tviews.reports.model.Summary;
import dev.tviews.reports.model.Target;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs a {@link Profile} against one server and writes a results folder: the environment, the data sets
 * (loaded once, with progress), the unread-column probe, every JMH run (one forked JVM per trial, all on
 * this server), every load run, the consistency stage (checker/summary.json, reproducers of failures), then
 * the targets and the consistency totals into summary.json and the HTML report. A consistency failure is a
 * problem like a failed trial: the report is written all the same.
 */
public final class ProfileRunner {

    private final PostgresServer server;
    private final Path connectionFile;
    private final Profile profile;
    private final Path results;
    private final PrintStream err;
    private final List<String> problems = new ArrayList<>();
    private static final String DATA_SETS = "data sets";
    private static final String CONSISTENCY = "consistency";
    private RunRecord record;

    public ProfileRunner(PostgresServer server, Path connectionFile, Profile profile, Path results, PrintStream err) {
        this.server = server;
        this.connectionFile = connectionFile;
        this.profile = profile;
        this.results = results;
        this.err = err;
    }

    /** What the run has planned and done, once {@link #run} has started; null before. */
    public RunRecord record() {
        return record;
    }

    private static String loadItem(LoadSpec spec) {
        return "load " + spec.label();
    }

    /** Problems met on the way (a failed benchmark, a stale read model, a failed load run); empty when all went well. */
    public List<String> problems() {
        return problems;
    }

    private static final String PEERS = "peers";

    public Path run() throws SQLException, IOException, InterruptedException {
        Files.createDirectories(results);
        Environment environment = EnvironmentProbe.probe(server, profile.name());
        ConsistencyPlan plan = profile.consistency();
        int checks = plan == null ? 0 : plan.singleRuns() + (plan.sessions() > 1 ? 1 : 0);
        List<String> planned = new ArrayList<>();
        planned.add(DATA_SETS);
        profile.jmhRuns().forEach(r -> planned.add(r.include()));
        profile.loadRuns().forEach(l -> planned.add(loadItem(l)));
        Optional<String> noPeers = profile.peers() ? PeersStage.unavailableReason() : Optional.of("not in this profile");
        if (noPeers.isEmpty()) {
            planned.add(PEERS);
        }
        if (plan != null) {
            planned.add(CONSISTENCY);
        }
        record = RunRecord.start(results, new Summary(environment, List.of()), planned);
        err.printf(Locale.ROOT, "profile %s: %d JMH trials, %d load runs and %d consistency checks on %s (%s)%n", profile.name(),
                profile.trials(), profile.loadRuns().size(), checks, server.describe(), environment.postgresVersion());
        err.println("settings: " + environment.postgresSettings());
        err.println("results: " + results.toAbsolutePath());
        double loadWeight = profile.loadRuns().stream().mapToDouble(l -> l.warmup().toSeconds() + l.duration().toSeconds() + 3).sum();
        double jmhWeight = profile.jmhRuns().stream().mapToDouble(r -> r.trialsPerMethod() * r.methods()
                * ProgressFormat.expectedSeconds(r.settings(), null)).sum();
        double checkWeight = plan == null ? 0 : plan.expectedSeconds();
        double peersWeight = noPeers.isEmpty() ? PeersStage.expectedSeconds() : 0;
        Progress progress = new Progress(profile.trials() + profile.loadRuns().size() + checks + 1
                + (noPeers.isEmpty() ? 1 : 0), loadWeight + jmhWeight + checkWeight + peersWeight + 30);

        err.println(progress.startItem(30) + " data sets");
        record.begin(DATA_SETS);
        prepareDatasets();
        boolean benchmarks = !profile.jmhRuns().isEmpty();
        OptionalDouble tuples = benchmarks ? probeUnreadColumn() : OptionalDouble.empty();
        boolean pgIvm = benchmarks && pgIvmUsable();
        progress.endItem();
        record.done(DATA_SETS);

        for (JmhRun run : profile.jmhRuns()) {
            record.begin(run.include());
            runJmh(pgIvm ? withPgIvm(run) : run, progress);
        }
        for (LoadSpec spec : profile.loadRuns()) {
            err.printf(Locale.ROOT, "%s load %s: %s with %s, %d clients, %d s%s%n",
                    progress.startItem(spec.warmup().toSeconds() + spec.duration().toSeconds() + 3), spec.label(),
                    spec.scenario().name(), spec.strategy(), spec.clients(), spec.duration().toSeconds(),
                    spec.uniformKeys() ? ", uniform keys" : "");
            record.begin(loadItem(spec));
            runLoad(spec);
            record.done(loadItem(spec));
            progress.endItem();
        }
        if (noPeers.isEmpty()) {
            err.printf(Locale.ROOT, "%s peers: %s at %s on %s clients with %s%n", progress.startItem(peersWeight),
                    PeersStage.SCENARIO, PeersStage.SCALES, PeersStage.CLIENTS, String.join(", ", PeersStage.STRATEGIES));
            record.begin(PEERS);
            List<String> peerProblems = PeersStage.run(results, err);
            problems.addAll(peerProblems);
            if (peerProblems.isEmpty()) {
                record.done(PEERS);
            } else {
                record.failed(PEERS, peerProblems.get(0));
            }
            progress.endItem();
        } else if (profile.peers()) {
            err.println("peers: skipped: " + noPeers.get());
        }
        Summary.Consistency consistency = null;
        if (plan != null) {
            record.begin(CONSISTENCY);
            consistency = checkConsistency(plan, progress);
            record.done(CONSISTENCY);
        }

        RunResults read = ResultsFolder.read(results);
        List<Target> targets = benchmarks ? Targets.compute(read.jmh(), read.loadRuns(), tuples,
                profile.jmhRuns().get(0).settings(), loadCommand()) : List.of();
        record.finish(new Summary(environment, targets).withConsistency(consistency));
        printTargets(targets, benchmarks ? Targets.notes(read.jmh(), read.loadRuns()) : List.of());
        Path report = ReportGenerator.generate(results);
        err.printf(Locale.ROOT, "profile %s finished in %s; report: %s%n", profile.name(), Progress.clock(progress.elapsedSeconds()),
                report.toAbsolutePath());
        return report;
    }

    /**
     * The consistency stage: every check of the plan in turn, each printed with its counts, then
     * checker/summary.json; a failure or a check that could not run becomes a problem.
     */
    private Summary.Consistency checkConsistency(ConsistencyPlan plan, Progress progress) throws IOException {
        try (ConsistencyStage stage = new ConsistencyStage(server, results, plan, null)) {
            for (ConsistencyStage.Check check : stage.checks()) {
                err.println(progress.startItem(check.time().toSeconds() + 3) + " consistency " + check.label());
                CheckerSummary.CheckerRun run = stage.run(check);
                err.println("    = " + ConsistencyStage.describe(run));
                run.failureDetails().forEach(d -> err.println("      " + d.replace("\n", "\n      ")));
                run.reproducers().forEach(r -> err.println("      reproducer: " + results.resolve(r)));
                run.replayCommands().forEach(c -> err.println("      replay: " + c));
                progress.endItem();
            }
            problems.addAll(stage.problems());
            return Summary.Consistency.of(stage.writeSummary());
        }
    }

    /** Loads every data set up front, in this process, so the progress bar shows and the trials only clone. */
    private void prepareDatasets() throws SQLException {
        Datasets.showProgress(true);
        List<Integer> scales = new ArrayList<>();
        boolean cascade = false;
        for (JmhRun run : profile.jmhRuns()) {
            run.params().getOrDefault("scale", List.of()).forEach(s -> {
                if (!scales.contains(Integer.parseInt(s))) {
                    scales.add(Integer.parseInt(s));
                }
            });
            cascade |= run.include().contains("Cascade");
        }
        if (profile.jmhRuns().stream().anyMatch(r -> r.include().contains("TriggerMode") && !r.params().containsKey("scale"))) {
            scales.add(100_000);
        }
        for (int scale : scales.stream().sorted().distinct().toList()) {
            Datasets.ecommerce(server, scale);
        }
        if (cascade) {
            Datasets.categoryFanout(server);
            Datasets.userFanout(server);
        }
        for (LoadSpec spec : profile.loadRuns()) {
            Datasets.scenario(server, spec.scenario(), spec.scale());
        }
    }

    /**
     * Whether pg_ivm can maintain the benchmarks' tv_product on this server: it must be installed and accept
     * the definition. Either way the reason is printed; when it can, the refresh benchmarks include it.
     */
    private boolean pgIvmUsable() {
        try (Connection c = server.connect()) {
            Optional<String> reason = PgIvmReadModels.unavailableReason(c);
            if (reason.isPresent()) {
                err.println("    pg-ivm: skipped: " + reason.get());
                return false;
            }
        } catch (SQLException e) {
            err.println("    pg-ivm: skipped: could not look for the extension: " + e.getMessage());
            return false;
        }
        try (Workspace ws = Workspace.open(Datasets.ecommerce(server, 1_000), PgIvmReadModels.NAME,
                Definitions.ecommerce("tv_product"))) {
            err.println("    pg-ivm: available and maintains tv_product; the refresh benchmarks include it");
            return true;
        } catch (SQLException | RuntimeException e) {
            err.println("    pg-ivm: skipped: " + e.getMessage());
            return false;
        }
    }

    private static JmhRun withPgIvm(JmhRun run) {
        List<String> strategies = run.params().get("strategy");
        if (!run.include().startsWith("RefreshBenchmark") || strategies == null) {
            return run;
        }
        java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>(run.params());
        List<String> more = new ArrayList<>(strategies);
        more.add(PgIvmReadModels.NAME);
        params.put("strategy", more);
        return new JmhRun(run.include(), params, run.settings());
    }

    private OptionalDouble probeUnreadColumn() {
        try {
            long start = System.nanoTime();
            long tuples = UnreadColumnProbe.tuplesWritten(server);
            Timing.log("unread-column probe: " + tuples + " tv_* tuples written by " + UnreadColumnProbe.WRITES + " writes", start);
            return OptionalDouble.of(tuples);
        } catch (SQLException | RuntimeException e) {
            problems.add("unread-column probe: " + e.getMessage());
            err.println("    unread-column probe failed: " + e.getMessage());
            return OptionalDouble.empty();
        }
    }

    private void runJmh(JmhRun run, Progress progress) throws IOException {
        Path json = Files.createTempFile(results, ".jmh-", ".json");
        JmhSettings s = run.settings();
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(run.include())
                .forks(s.forks())
                .warmupIterations(s.warmupIterations())
                .warmupTime(TimeValue.milliseconds(s.warmupTime().toMillis()))
                .measurementIterations(s.measurementIterations())
                .measurementTime(TimeValue.milliseconds(s.measurementTime().toMillis()))
                .timeout(TimeValue.minutes(10))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(false)
                .jvmArgsAppend("-D" + Workspace.CHECK_AFTER_PROPERTY + "=" + profile.checkAfterMeasurement());
        run.params().forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
        ProgressFormat format = new ProgressFormat(err, progress, s);
        try {
            JmhLauncher.run(b.build(), connectionFile, format);
        } catch (RunnerException | RuntimeException e) {
            record.failed(run.include(), run.include() + ": " + e.getMessage());
            problems.add(run.include() + ": " + e.getMessage());
            err.println("    JMH run " + run.include() + " failed: " + e.getMessage());
        } finally {
            JmhJson.append(results, json);
            Files.deleteIfExists(json);
        }
        if (format.failures() > 0) {
            problems.add(run.include() + ": " + format.failures() + " trial(s) failed (see above); their results are missing");
            record.failed(run.include(), run.include() + ": " + format.failures() + " trial(s) failed");
        }
        record.done(run.include());
    }

    private void runLoad(LoadSpec spec) throws IOException, InterruptedException {
        try {
            LoadRunner.Outcome outcome = LoadRunner.run(server, spec, results);
            err.println("    = " + dev.tviews.benchmarks.load.LoadLine.of(spec.label(), outcome));
            if (!outcome.stale().isEmpty()) {
                problems.add("load " + spec.label() + ": " + outcome.stale().size() + " stale rows");
            }
        } catch (SQLException | RuntimeException e) {
            record.failed(loadItem(spec), "load " + spec.label() + ": " + e.getMessage());
            problems.add("load " + spec.label() + ": " + e.getMessage());
            err.println("    load run " + spec.label() + " failed: " + e.getMessage());
        }
    }

    private void printTargets(List<Target> targets, List<Targets.Note> notes) {
        err.println();
        if (!targets.isEmpty() || !notes.isEmpty()) {
            err.println("targets (docs/performance.md):");
        }
        for (Target t : targets) {
            err.printf(Locale.ROOT, "  %-12s %-48s %s (threshold %s %s)%n", t.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    t.name(), t.measured() == null ? "-" : String.format(Locale.ROOT, "%.3g %s", t.measured(), t.unit()),
                    t.better() == Target.Better.LOWER ? "<=" : ">=", t.threshold());
        }
        for (Targets.Note n : notes) {
            err.printf(Locale.ROOT, "  %-12s %-48s %s%n", "(no target)", n.name(),
                    n.value() == null ? "-" : String.format(Locale.ROOT, "%.3g %s", n.value(), n.unit()));
        }
        if (!problems.isEmpty()) {
            err.println("problems:");
            problems.forEach(p -> err.println("  " + p));
        }
    }

    /** The command that repeats the profile's load runs with uniform keys, both strategies at once. */
    private String loadCommand() {
        return profile.loadRuns().stream().filter(LoadSpec::uniformKeys).findFirst().map(l -> {
            String strategies = String.join(",", profile.loadRuns().stream().filter(LoadSpec::uniformKeys)
                    .map(LoadSpec::strategy).distinct().toList());
            return "java -jar benchmarks/target/benchmarks.jar load --scenario " + l.scenario().name() + " --scale " + l.scale()
                    + " --strategy " + strategies + " --clients " + l.clients() + " --warmup " + l.warmup().toSeconds()
                    + " --duration " + l.duration().toSeconds() + " --uniform-keys";
        }).orElse("java -jar benchmarks/target/benchmarks.jar load --scenario ecommerce --uniform-keys");
    }

    /** Folder {@code results/<timestamp>} under the working directory. */
    public static Path defaultFolder() {
        String stamp = java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-');
        return Path.of("results", stamp);
    }
}
