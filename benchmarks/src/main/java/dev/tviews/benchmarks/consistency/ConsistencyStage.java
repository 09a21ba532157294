package dev.tviews.benchmarks.consistency;

import dev.tviews.checker.concurrent.ConcurrentChecker;
import dev.tviews.checker.concurrent.ConcurrentOptions;
import dev.tviews.checker.concurrent.ConcurrentResult;
import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.reproduce.Capture;
import dev.tviews.checker.reproduce.Reproducers;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.checker.shrink.Shrinker;
import dev.tviews.checker.variants.VariantCatalogue;
import dev.tviews.database.PostgresProvider;
import dev.tviews.database.PostgresServer;
import dev.tviews.reports.model.CheckerSummary;
import dev.tviews.reports.model.CheckerSummary.CheckerRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The consistency stage of a profile: the checker's random workloads on every scenario of a {@link ConsistencyPlan}
 * with every engine, then its concurrent sessions once, on the profile's own server. Each run is recorded in
 * {@code checker/summary.json} of the results folder; a failure is shrunk into a reproducer under
 * {@code checker/reproducers/}, its statement log kept under {@code checker/logs/}, and it becomes a problem of
 * the profile (so the main job exits non-zero). Closing drops the scenario templates.
 */
public final class ConsistencyStage implements AutoCloseable {

    /** The jar as the README runs it, for the replay commands written into the results. */
    static final String JAR = "java -jar benchmarks/target/benchmarks.jar";
    static final String REPRODUCERS = "checker/reproducers";
    static final String LOGS = "checker/logs";

    /** One run of the stage: single-session when {@code sessions} is 1. */
    public record Check(String scenario, String engine, int sessions, Duration time) {

        public String label() {
            return scenario + " with " + engine + (sessions > 1 ? ", " + sessions + " concurrent sessions" : "")
                    + ", " + time.toSeconds() + " s";
        }
    }

    private final PostgresServer server;
    private final Path results;
    private final ConsistencyPlan plan;
    private final ScenarioTemplates templates;
    private final long firstSeed;
    private final List<CheckerRun> runs = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int seeds;

    /** @param seed the first run's seed (the next runs take the following numbers); null for a new one */
    public ConsistencyStage(PostgresServer server, Path results, ConsistencyPlan plan, Long seed) {
        this.server = server;
        this.results = results;
        this.plan = plan;
        this.firstSeed = seed != null ? seed : new SecureRandom().nextLong() & (Long.MAX_VALUE >> 1);
        this.templates = new ScenarioTemplates(server, true);
    }

    /** Every run of the plan, in order: scenarios × engines single-session, then the concurrent one. */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (String scenario : plan.scenarios()) {
            for (String engine : plan.engines()) {
                checks.add(new Check(scenario, engine, 1, plan.perRun()));
            }
        }
        if (plan.sessions() > 1) {
            checks.add(new Check(plan.scenarios().get(0), plan.engines().get(0), plan.sessions(), plan.concurrentTime()));
        }
        return checks;
    }

    /** Runs one check and records it; never throws: a run that could not run is recorded as a problem. */
    public CheckerRun run(Check check) {
        long seed = firstSeed + seeds++;
        long start = System.nanoTime();
        CheckerRun run;
        try {
            run = check.sessions() > 1 ? concurrent(check, seed) : single(check, seed);
        } catch (Exception e) {
            String message = "consistency " + check.label() + ", seed " + seed + ": the check could not run: " + e;
            problems.add(message);
            run = new CheckerRun(check.scenario(), check.engine(), triggerMode(check.engine()), check.sessions(), seed,
                    null, null, null, null, seconds(System.nanoTime() - start), List.of(), List.of(message), List.of());
        }
        runs.add(run);
        return run;
    }

    /** Writes {@code checker/summary.json} with the runs so far, and returns it. */
    public CheckerSummary writeSummary() throws IOException {
        CheckerSummary summary = new CheckerSummary(runs);
        ResultsFolder.writeChecker(results, summary);
        return summary;
    }

    /** A line for each failure or run that could not run; empty when every check passed. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** One line of counts for a finished run. */
    public static String describe(CheckerRun r) {
        return String.format(Locale.ROOT, "%s transactions, %s statements, %s checks, %s in %.0f s (seed %d)",
                orDash(r.transactions()), orDash(r.statements()), orDash(r.checks()),
                r.failures() == null ? "did not run" : r.failures() == 1 ? "1 FAILURE" : r.failures() + " failures",
                r.durationSeconds() == null ? 0.0 : r.durationSeconds(), r.seed());
    }

    private static String orDash(Long n) {
        return n == null ? "-" : Long.toString(n);
    }

    private CheckerRun single(Check check, long seed) throws Exception {
        CheckTarget target = new CheckTarget(check.scenario(), scenario(check.scenario()), plan.scale(), check.engine());
        CheckOptions options = new CheckOptions(seed, 0, Optional.of(check.time()), Weights.defaults(), Optional.empty());
        String name = fileName(check, seed);
        Path log = results.resolve(LOGS).resolve(name + ".sql");
        Files.createDirectories(log.getParent());
        try (CheckSession session = CheckSession.open(templates, target)) {
            Optional<Capture> capture = Optional.empty();
            String noReproducer = null;
            try {
                capture = Optional.of(Capture.of(templates, session));
            } catch (IllegalStateException e) {
                noReproducer = e.getMessage();
            }
            CheckResult result;
            try (StatementLog statements = StatementLog.toFile(log)) {
                result = session.run(options, statements, ProgressListener.NONE);
            }
            double seconds = result.elapsed().toMillis() / 1000.0;
            if (result.passed()) {
                Files.deleteIfExists(log);
                return new CheckerRun(check.scenario(), check.engine(), triggerMode(check.engine()), 1, seed,
                        result.transactions(), result.statements(), result.checks(), 0L, seconds, List.of(), List.of(), List.of());
            }
            List<String> details = new ArrayList<>();
            details.add(result.failure().orElseThrow().describe());
            details.add("statement log: " + LOGS + "/" + log.getFileName());
            List<String> reproducers = new ArrayList<>();
            List<String> replay = new ArrayList<>();
            if (capture.isPresent()) {
                try {
                    String reproducer = reproducer(session, capture.get(), result, log, name);
                    reproducers.add(reproducer);
                    replay.add(replayCommand(reproducer));
                } catch (Exception e) {
                    details.add("the failure could not be shrunk into a reproducer: " + e.getMessage());
                }
            } else {
                details.add("no reproducer: " + noReproducer);
            }
            replay.add(asReadme(result.replay()));
            problems.add("consistency " + check.label() + ": " + result.failure().orElseThrow().kind().headline()
                    + " (seed " + seed + ")" + (reproducers.isEmpty() ? "" : "; reproducer " + results.resolve(reproducers.get(0))));
            return new CheckerRun(check.scenario(), check.engine(), triggerMode(check.engine()), 1, seed,
                    result.transactions(), result.statements(), result.checks(), 1L, seconds, reproducers, details, replay);
        }
    }

    /** Cuts the statement log at the failure, shrinks it and writes the reproducer; returns its results-relative path. */
    private String reproducer(CheckSession session, Capture capture, CheckResult result, Path log, String name)
            throws Exception {
        List<ScriptBlock.Step> steps = Reproducers.stepsUpToFailure(StatementLog.parse(
                Files.readString(log, StandardCharsets.UTF_8)));
        Script script = capture.script(List.of(
                "tviews reproducer, written by the consistency stage of the benchmark profile. Replay: " + JAR + " replay FILE",
                "found by: " + result.replay(), "seed: " + result.seed(),
                "failure as found: " + result.failure().orElseThrow().describe()), steps,
                Reproducers.checkQuery(session.connection(), session.oracle().targets()));
        Shrinker.Result shrunk = new Shrinker(server, 600, plan.shrinkTime(), line -> { }).shrink(script);
        return write(shrunk.script(), name);
    }

    private CheckerRun concurrent(Check check, long seed) throws Exception {
        CheckTarget target = new CheckTarget(check.scenario(), scenario(check.scenario()), plan.scale(), check.engine());
        ConcurrentOptions options = ConcurrentOptions.defaults(seed).withSessions(check.sessions())
                .withIsolationLevels(ConcurrentOptions.ALL_LEVELS).withRounds(Integer.MAX_VALUE).withTimeLimit(check.time());
        Shrinker shrinker = new Shrinker(server, 600, plan.shrinkTime(), line -> { });
        ConcurrentResult result = new ConcurrentChecker(templates).run(target, options, shrinker::reproduces);
        String command = JAR + " check --scenario " + check.scenario() + " --scale " + plan.scale() + " --engine "
                + check.engine() + " --sessions " + check.sessions() + " --isolation read-committed,repeatable-read,serializable"
                + " --seed " + seed + " --duration " + check.time().toSeconds() + "s" + serverArgument();
        List<String> details = new ArrayList<>();
        if (result.unreplayable() > 0) {
            // The checker counts these as warnings, not failures: the order recorded cannot replay a race inside one statement.
            details.add("note: " + result.unreplayable() + " stale round(s) did not replay in their recorded order (a race "
                    + "inside one statement; not counted as a failure): " + result.firstUnreplayed().orElse(""));
        }
        double seconds = result.elapsed().toMillis() / 1000.0;
        if (result.passed()) {
            return new CheckerRun(check.scenario(), check.engine(), triggerMode(check.engine()), check.sessions(), seed,
                    result.committed(), result.statements(), (long) result.checks(), 0L, seconds, List.of(), details, List.of());
        }
        details.add(0, result.failure().orElseThrow());
        Script script = result.script().orElseThrow().withHeader(List.of(
                "tviews reproducer, written by the consistency stage of the benchmark profile (concurrent sessions). "
                        + "Replay: " + JAR + " replay FILE",
                "found by: " + command, "seed: " + seed, "failure as found: " + result.failure().orElseThrow()));
        List<String> reproducers = new ArrayList<>();
        List<String> replay = new ArrayList<>();
        try {
            String reproducer = write(shrinker.shrink(script).script(), fileName(check, seed));
            reproducers.add(reproducer);
            replay.add(replayCommand(reproducer));
        } catch (Exception e) {
            details.add("the failure could not be shrunk into a reproducer: " + e.getMessage());
        }
        replay.add(command);
        problems.add("consistency " + check.label() + ": stale read models after a round of concurrent transactions (seed "
                + seed + ")" + (reproducers.isEmpty() ? "" : "; reproducer " + results.resolve(reproducers.get(0))));
        return new CheckerRun(check.scenario(), check.engine(), triggerMode(check.engine()), check.sessions(), seed,
                result.committed(), result.statements(), (long) result.checks(), 1L, seconds, reproducers, details, replay);
    }

    /** The checker's replay command with the jar as the README runs it, from the repository's root. */
    private static String asReadme(String command) {
        String checkers = "java -jar benchmarks.jar ";
        return command.startsWith(checkers) ? JAR + " " + command.substring(checkers.length()) : command;
    }

    private String write(Script script, String name) throws IOException {
        String relative = REPRODUCERS + "/" + name + ".sql";
        Path file = results.resolve(relative);
        Files.createDirectories(file.getParent());
        script.write(file);
        return relative;
    }

    private String replayCommand(String reproducer) {
        return JAR + " replay " + results.resolve(reproducer) + serverArgument();
    }

    private String serverArgument() {
        return server.provider() == PostgresProvider.EXTERNAL ? " --jdbc-url <URL of the same server>" : "";
    }

    private static Scenario scenario(String name) {
        return BundledScenarios.names().contains(name) ? BundledScenarios.load(name) : ScenarioReader.read(Path.of(name));
    }

    private static String fileName(Check check, long seed) {
        String base = Path.of(check.scenario()).getFileName().toString().replaceAll("\\.ya?ml$", "") + "-" + check.engine()
                + (check.sessions() > 1 ? "-" + check.sessions() + "-sessions" : "") + "-" + seed;
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The tviews trigger mode an engine runs in: statement or row; null for strategies without one. */
    static String triggerMode(String engine) {
        String base = VariantCatalogue.byName(engine).map(v -> v.baseEngine()).orElse(engine);
        return base.equals("tviews-statement") ? "statement" : base.equals("tviews-row") ? "row" : null;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        templates.close();
    }
}
