package dev.tviews.checker.cli;

import dev.tviews.checker.concurrent.ConcurrentOptions;
import dev.tviews.checker.replica.ReplicaOracle;
import dev.tviews.checker.crash.CrashCheck;
import dev.tviews.checker.explore.ExploreOptions;
import dev.tviews.database.CrashableEmbeddedServer;
import dev.tviews.checker.reproduce.Capture;
import dev.tviews.checker.reproduce.Reproducers;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.shrink.Shrinker;
import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckerScenarios;
import dev.tviews.checker.run.CheckPoints;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.ScenarioScales;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.database.Replicas;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code benchmarks.jar check}: random write workloads against a scenario's read models, with the
 * oracle after every statement (or commit), until a duration or a number of transactions, or the
 * first failure. Exit code 0 when no failure was found, 1 on a failure, 2 on wrong arguments or
 * when the run could not start.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
                "Runs random write workloads generated from a scenario's schema and checks every read model against "
                        + "its definition after every statement (engines with read-your-writes) or every commit.",
                "Stops at the first failure, printing the oracle's diff, the seed and the command that replays it."})
public final class CheckCommand implements Callable<Integer> {

    /** How often the oracle reads each replica while the primary is written. */
    private static final Duration REPLICA_CHECK_EVERY = Duration.ofMillis(100);
    private static final Duration REPLICA_REPLAY_LIMIT = Duration.ofSeconds(60);

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "A bundled scenario (ecommerce, social; variants: the broken-variant catalogue's; "
                    + "no-foreign-keys: links without constraints, which may dangle) or the path of a scenario YAML "
                    + "file. Required unless --variants is given.")
    String scenario;

    @Option(names = "--variants", description = "Hunt the catalogue of broken engine variants instead (all, or those "
            + "named with --variant) and print per variant the statements and seconds to detection and the reproducer's size.")
    boolean variants;

    @Option(names = "--variant", paramLabel = "NAME", description = "With --variants: only this one (repeatable).")
    java.util.List<String> variantNames = new java.util.ArrayList<>();

    @Option(names = "--reproducers", paramLabel = "DIR",
            description = "With --variants or --explore: where to write the reproducers (default: a new "
                    + "tviews-reproducers-* directory under the system's temporary directory with --variants, the "
                    + "temporary directory itself with --explore; printed).")
    Path reproducers;

    @Option(names = "--no-shrink", description = "On a failure, do not shrink the log into a reproducer.")
    boolean noShrink;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the workload (default: a new one, printed).")
    Long seed;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Run this long, e.g. 60s, 5m, 1h (default: 60s unless --transactions is given).")
    Duration duration;

    @Option(names = "--transactions", paramLabel = "N", description = "Stop after this many transactions.")
    Long transactions;

    @Option(names = "--scale", defaultValue = ScenarioScales.TINY, paramLabel = "NAME",
            description = "Scale to load (default: ${DEFAULT-VALUE}, a twentieth of small, where random writes "
                    + "collide often and checks are quick; small, medium, … as the scenario defines).")
    String scale;

    @Option(names = {"--strategy", "--engine"}, paramLabel = "NAME",
            description = "Read-model strategy to check (default: tviews-statement): tviews-statement, tviews-row, "
                    + "tviews-statement-batched, tviews-row-batched, hand-written, refresh-mv, refresh-mv-concurrently, "
                    + "pg-ivm (also spelt pg_ivm; without --jdbc-url and --provider it starts an installed PostgreSQL "
                    + "that has pg_ivm, preloaded), or a broken variant of the catalogue. --engine is the old name.")
    String engine;

    @Option(names = "--batching",
            description = "Create every TVIEW with transaction batching on (keys queued, refreshed once before "
                    + "commit): short for --engine tviews-statement-batched / tviews-row-batched. The oracle then "
                    + "runs after every commit and rollback.")
    boolean batching;

    @Option(names = "--trigger-mode", paramLabel = "statement|row",
            description = "Short for --engine tviews-statement / tviews-row.")
    String triggerMode;

    @Option(names = "--check-after", paramLabel = "statement|commit",
            description = "When to run the oracle (default: what the strategy promises: statement for tviews and "
                    + "pg-ivm, commit for the others).")
    String checkAfter;

    @Option(names = "--sessions", paramLabel = "N",
            description = "Run the concurrency checker: N sessions (at least 2) run random transactions on the "
                    + "scenario's small data set at once, colliding on hot keys; conflicts (40001, 40P01) are retried "
                    + "and counted; the oracle runs after each round of 2 transactions per session; a stale round is "
                    + "shrunk into a multi-session reproducer. With --explore: sessions per script, 2 or 3 (default 2).")
    Integer sessions;

    @Option(names = "--explore",
            description = "Run the interleaving explorer: short scripts of --sessions sessions (2 or 3, default 2) of "
                    + "--statements write statements and COMMIT each, drawn from the scenario's catalog, run in every "
                    + "order of their steps (or --permutations of them at random), blocking detected with "
                    + "pg_blocking_pids, the oracle after each; the first failing permutation is written as an "
                    + "isolation-tester .spec file and a replayable script (into --reproducers DIR).")
    boolean explore;

    @Option(names = "--crash",
            description = "Crash recovery: 8 writers run random transactions on the scenario, every PostgreSQL process "
                    + "is killed with SIGKILL after 150 commits (or 20 s), the server restarts on the same data directory, "
                    + "and the oracle checks every read model; then the runtime's own tables and a few more writes. "
                    + "Needs the embedded server (it owns the processes it kills).")
    boolean crash;

    @Option(names = "--scripts", paramLabel = "N", defaultValue = "50",
            description = "With --explore: scripts to explore (default: ${DEFAULT-VALUE}; --duration stops earlier).")
    int scripts;

    @Option(names = "--statements", paramLabel = "N", defaultValue = "2",
            description = "With --explore: write statements per session, 1 to 4 (default: ${DEFAULT-VALUE}).")
    int statements;

    @Option(names = "--permutations", paramLabel = "N", defaultValue = "100",
            description = "With --explore: interleavings per script, all of them up to N, else N drawn at random "
                    + "(default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--isolation", paramLabel = "LEVELS", defaultValue = "all",
            description = "With --sessions: read-committed, repeatable-read, serializable (comma-separated, one per "
                    + "round in turn) or all (default: ${DEFAULT-VALUE}).")
    String isolation;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write the statement log here (default: a file in the system's temporary directory, kept "
                    + "and printed only on failure).")
    Path log;

    @CommandLine.Mixin
    DatabaseOptions serverOptions = new DatabaseOptions();

    @CommandLine.Mixin
    ReplicaOptions replicaOptions = new ReplicaOptions();
    @Option(names = "--pooler", paramLabel = "pgbouncer",
            description = "Run everything through PgBouncer in transaction pooling (2 server sessions), started in "
                    + "front of the server: consecutive transactions of one client land on different server sessions. "
                    + "PgBouncer must be installed (or TVIEWS_PGBOUNCER name its binary). For another pooler, give "
                    + "its URL with --jdbc-url.")
    String pooler;

    @Option(names = "--progress-every", defaultValue = "10s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often to print a progress line on standard error (default: ${DEFAULT-VALUE}; 0 for never).")
    Duration progressEvery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (variants) {
            return variants(out, err);
        }
        if (scenario == null) {
            err.println("error: give --scenario NAME|FILE (or --variants to hunt the broken-variant catalogue)");
            return 2;
        }
        CheckOptions options;
        Scenario loaded;
        String engineName;
        long progressNanos;
        try {
            engineName = engineName();
            if (!ReadModelEngines.exists(engineName)) {
                throw new IllegalArgumentException("--strategy " + engineName + ": " + ReadModelEngines.unknown(engineName)
                        + " (and the broken variants that --variants lists)");
            }
            long chosenSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
            Optional<Duration> limit = duration != null ? Optional.of(duration)
                    : transactions == null ? Optional.of(Duration.ofSeconds(60)) : Optional.empty();
            options = new CheckOptions(chosenSeed, transactions == null ? 0 : transactions, limit,
                    dev.tviews.checker.generate.Weights.defaults(), Optional.ofNullable(checkAfter).map(CheckPoints::parse));
            loaded = CheckerScenarios.load(scenario);
            ScenarioScales.withScale(loaded, scale);
            progressNanos = progressEvery.toNanos();
            replicaOptions.validate();
        } catch (InvalidScenarioException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        PostgresOptions database = serverOptions.toOptionsFor(List.of(engineName));
        if (crash) {
            return crash(database, loaded, engineName, options, out, err);
        }
        if (explore) {
            return explore(database, loaded, engineName, options, progressNanos, out, err);
        }
        if (sessions != null) {
            return concurrent(database, loaded, engineName, options, progressNanos, out, err);
        }
        out.printf("checking %s at scale %s with %s, seed %d (pass --seed %d to repeat it)%n", loaded.name(), scale,
                engineName, options.seed(), options.seed());
        out.flush();
        // Unless --log names a file, the log goes to the temporary directory: kept (and printed) on a failure only.
        Path logFile = log != null ? log : Path.of(System.getProperty("java.io.tmpdir")).resolve(String.format(Locale.ROOT,
                "tviews-check-%s-%s-%d.sql", loaded.name().replaceAll("[^A-Za-z0-9_-]", "_"), engineName, options.seed()));
        return onServer(database, "the check", err, postgres -> {
            try (ScenarioTemplates templates = new ScenarioTemplates(postgres, true);
                 CheckSession session = CheckSession.open(templates, new CheckTarget(scenario, loaded, scale, engineName))) {
                out.printf("on %s; read models %s; writing to %s%n", postgres.describe(),
                        loaded.tviews().stream().map(t -> t.name()).toList(),
                        session.catalog().tables().stream().map(t -> t.sqlName()).toList());
                out.flush();
                Optional<Capture> capture = Optional.empty();
                if (!noShrink) {
                    try {
                        capture = Optional.of(Capture.of(templates, session));
                    } catch (IllegalStateException e) {
                        out.println("note: no reproducer on failure: " + e.getMessage());
                    }
                }
                CheckResult result;
                ReplicaOracle.Result onReplicas;
                try (Replicas replicas = replicaOptions.open(postgres);
                     ReplicaOracle watch = replicas.isEmpty() ? null
                             : ReplicaOracle.start(replicas, session.database().name(), session.oracle(), REPLICA_CHECK_EVERY)) {
                    try (StatementLog statementLog = StatementLog.toFile(logFile)) {
                        result = session.run(options, statementLog, progress(err, progressNanos));
                    }
                    onReplicas = watch == null ? null : watch.finish(REPLICA_REPLAY_LIMIT);
                }
                out.println(result.summary());
                out.println("covered: " + result.describeCoverage());
                session.oracle().warnings().forEach(w -> out.println("warning: " + w));
                if (onReplicas != null) {
                    out.println(onReplicas.summary());
                    onReplicas.failure().ifPresent(f -> out.println("stale on a replica " + f));
                    if (!onReplicas.passed() && result.passed()) {
                        out.println("statement log: " + logFile.toAbsolutePath());
                        return 1;
                    }
                }
                if (result.passed()) {
                    if (log == null) {
                        Files.deleteIfExists(logFile);
                    } else {
                        out.println("statement log: " + logFile.toAbsolutePath());
                    }
                    return 0;
                }
                out.println(result.describe().substring(result.summary().length() + 1));
                out.flush();
                if (capture.isPresent()) {
                    reproducer(postgres, session, capture.get(), result, logFile, out);
                }
                return 1;
            }
        });
    }

    /** {@code --sessions N}: the concurrency checker on this scenario, until the duration or the first failure. */
    private int concurrent(PostgresOptions database, Scenario loaded, String engineName, CheckOptions checkOptions,
                           long progressNanos, PrintWriter out, PrintWriter err) {
        ConcurrentOptions options;
        try {
            if (transactions != null) {
                throw new IllegalArgumentException("--transactions does not apply with --sessions, which runs rounds "
                        + "until --duration; give --duration instead");
            }
            options = ConcurrentOptions.defaults(checkOptions.seed()).withSessions(sessions)
                    .withIsolationLevels(ConcurrentOptions.parseLevels(isolation)).withRounds(Integer.MAX_VALUE)
                    .withTimeLimit(checkOptions.duration().orElse(Duration.ofSeconds(60)));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ConcurrentCheck.Command command = new ConcurrentCheck.Command(scenario, engineName, sessions,
                options.isolationLevels(), options.seed());
        out.printf("checking %s at scale %s with %s, %d concurrent sessions at %s, seed %d (repeat: %s)%n", loaded.name(),
                scale, engineName, sessions, String.join(", ", options.isolationLevels()), options.seed(), command.text());
        out.flush();
        Path file = log != null ? log : Path.of(System.getProperty("java.io.tmpdir")).resolve(String.format(Locale.ROOT, "tviews-check-%s-%s-%d-concurrent-reproducer.sql",
                loaded.name().replaceAll("[^A-Za-z0-9_-]", "_"), engineName, options.seed()));
        ConcurrentOptions chosen = options;
        return onServer(database, "the concurrent check", err, postgres -> {
            try (ScenarioTemplates templates = new ScenarioTemplates(postgres, true);
                 Replicas replicas = replicaOptions.open(postgres)) {
                out.printf("on %s%n", postgres.describe());
                replicas.servers().forEach(r -> out.printf("replica: %s%n", r.describe()));
                out.flush();
                return ConcurrentCheck.run(postgres, templates, new CheckTarget(scenario, loaded, scale, engineName),
                        chosen, command, !noShrink, file.toAbsolutePath(), progressNanos, replicas, out, err);
            }
        });
    }

    /** {@code --crash}: SIGKILL in the middle of an 8-writer load, restart on the same data directory, the oracle. */
    private int crash(PostgresOptions database, Scenario loaded, String engineName, CheckOptions options, PrintWriter out,
                      PrintWriter err) {
        if (database.provider() != dev.tviews.database.PostgresProvider.EMBEDDED || pooler != null || sessions != null
                || explore) {
            err.println("error: --crash kills the server it started, so it runs on the embedded server only, with one "
                    + "load: leave out --jdbc-url, --provider, --pooler, --sessions and --explore");
            return 2;
        }
        int writers = 8;
        long commits = 150;
        out.printf("crash check: %s at scale %s with %s, %d writers, SIGKILL after %d commits (or 20 s), seed %d%n",
                loaded.name(), scale, engineName, writers, commits, options.seed());
        out.flush();
        try (CrashableEmbeddedServer pg = CrashableEmbeddedServer.start(database.majorVersion());
             PostgresServer server = dev.tviews.database.PostgresServers.open(PostgresOptions.external(pg.jdbcUrl()));
             ScenarioTemplates templates = new ScenarioTemplates(server, true)) {
            out.printf("on %s%n", pg.describe());
            out.flush();
            CheckSession session = CheckSession.open(templates, new CheckTarget(scenario, loaded, scale, engineName));
            CrashCheck.Result r;
            try {
                r = CrashCheck.run(pg, session, options.seed(), writers, commits, Duration.ofSeconds(20));
            } finally {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    // its connection died with the server; the database goes with the data directory
                }
            }
            out.printf(Locale.ROOT, "killed after %d commits in %.1f s; restarted (crash recovery) in %.1f s%n", r.committed(),
                    r.load().toMillis() / 1000.0, r.restart().toMillis() / 1000.0);
            out.println("after recovery: " + (r.afterRecovery().fresh() ? "every read model fresh"
                    : "STALE\n" + r.afterRecovery().describe()));
            out.println("runtime tables: " + (r.runtimeProblems().isEmpty() ? "consistent (statistics and flush requests "
                    + "empty, health check ok)" : String.join("\n  ", r.runtimeProblems())));
            out.println("after 20 more steps: " + (r.afterWriting().fresh() ? "every read model fresh"
                    : "STALE\n" + r.afterWriting().describe()));
            out.println(r.passed() ? "0 failures" : "1 failure");
            return r.passed() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("error: the crash check could not run: " + e);
            return 2;
        }
    }

    /** {@code --explore}: the interleaving explorer on this scenario, until --scripts or --duration or the first failure. */
    private int explore(PostgresOptions database, Scenario loaded, String engineName, CheckOptions checkOptions,
                        long progressNanos, PrintWriter out, PrintWriter err) {
        ExploreOptions options;
        try {
            if (transactions != null) {
                throw new IllegalArgumentException("--transactions does not apply with --explore; give --scripts instead");
            }
            options = ExploreOptions.defaults(checkOptions.seed()).withSessions(sessions == null ? 2 : sessions)
                    .withStatements(statements).withScripts(scripts).withPermutations(permutations)
                    .withIsolationLevels(ConcurrentOptions.parseLevels(isolation));
            if (duration != null) {
                options = options.withTimeLimit(duration);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        String command = "java -jar benchmarks.jar check --explore --scenario " + scenario + " --engine " + engineName
                + " --sessions " + options.sessions() + " --statements " + options.statements() + " --scripts "
                + options.scripts() + " --permutations " + options.permutations() + " --isolation "
                + String.join(",", options.isolationLevels().stream().map(l -> l.replace(' ', '-')).toList())
                + " --seed " + options.seed();
        out.printf("exploring interleavings on %s at scale %s with %s: %d scripts of %d sessions × (%d statements + COMMIT), "
                        + "up to %d permutations each, at %s, seed %d (repeat: %s)%n", loaded.name(), scale, engineName,
                options.scripts(), options.sessions(), options.statements(), options.permutations(),
                String.join(", ", options.isolationLevels()), options.seed(), command);
        out.flush();
        Path folder = reproducers != null ? reproducers : Path.of(System.getProperty("java.io.tmpdir"));
        ExploreOptions chosen = options;
        return onServer(database, "the interleaving explorer", err, postgres -> {
            try (ScenarioTemplates templates = new ScenarioTemplates(postgres, true)) {
                out.printf("on %s%n", postgres.describe());
                out.flush();
                return ExploreCheck.run(postgres, templates, new CheckTarget(scenario, loaded, scale, engineName), chosen,
                        command, folder, progressNanos, out, err);
            }
        });
    }

    /** Cuts the log at the failure, shrinks it and writes the reproducer next to the log. */
    private static void reproducer(PostgresServer server, CheckSession session, Capture capture, CheckResult result,
                                   Path logFile, PrintWriter out) {
        try {
            // The log was streamed to its file, which is closed by now: read it back from there.
            List<ScriptBlock.Step> steps = Reproducers.stepsUpToFailure(StatementLog.parse(
                    Files.readString(logFile, java.nio.charset.StandardCharsets.UTF_8)));
            Script script = capture.script(List.of(
                    "tviews reproducer, written by the consistency checker. Replay: java -jar benchmarks.jar replay FILE",
                    "found by: " + result.replay(), "seed: " + result.seed(),
                    "failure as found: " + result.failure().orElseThrow().describe()), steps,
                    Reproducers.checkQuery(session.connection(), session.oracle().targets()));
            out.printf("shrinking %d statements …%n", steps.size());
            out.flush();
            Shrinker.Result shrunk = new Shrinker(server, 600).shrink(script);
            String name = logFile.getFileName().toString().replaceAll("\\.sql$", "");
            Path file = logFile.toAbsolutePath().resolveSibling(name + "-reproducer.sql");
            shrunk.script().write(file);
            out.printf("reproducer: %d statements (from %d, %s, %d replays in %.1f s): %s%nreplay: java -jar benchmarks.jar replay %s%n",
                    shrunk.steps(), shrunk.stepsIn(), shrunk.oneMinimal() ? "1-minimal" : "shrinking stopped at its budget",
                    shrunk.tests(), shrunk.elapsed().toMillis() / 1000.0, file, file);
        } catch (Exception e) {
            out.println("note: the failure could not be shrunk into a reproducer: " + e.getMessage()
                    + "; replay it from the seed or the statement log");
        }
    }

    private int variants(PrintWriter out, PrintWriter err) {
        if (scenario != null && !scenario.equals("variants")) {
            err.println("error: --variants hunts on the catalogue's own scenario 'variants'; leave out --scenario");
            return 2;
        }
        long chosenSeed = seed != null ? seed : 1;
        PostgresOptions database = serverOptions.toOptions();
        Path into;
        try {
            into = reproducers != null ? reproducers
                    : Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tviews-reproducers-");
        } catch (IOException e) {
            err.println("error: cannot create a directory for the reproducers under " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage() + "; name one with --reproducers DIR");
            return 2;
        }
        return onServer(database, "the variant hunt", err,
                server -> VariantsRun.run(server, variantNames, chosenSeed, VariantHunt.Budget.full(), into, out));
    }

    /** What a mode of the command does with the server it runs on; its exit code. */
    @FunctionalInterface
    private interface OnServer {
        int run(PostgresServer postgres) throws Exception;
    }

    /**
     * Opens the server (behind the pooler when one is asked for), runs {@code work} on it and stops it; an error
     * becomes exit code 2 with a message saying what could not run and why.
     */
    private int onServer(PostgresOptions database, String what, PrintWriter err, OnServer work) {
        try (PostgresServer postgres = PooledServer.open(database, pooler)) {
            return work.run(postgres);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (InvalidScenarioException e) {
            err.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 2;
        } catch (Exception e) {
            err.println("error: " + what + " could not run: " + e.getMessage());
            return 2;
        }
    }

    private String engineName() {
        String base = baseEngineName();
        if (!batching || base.endsWith(dev.tviews.scenarios.engine.TviewsReadModels.BATCHED_SUFFIX)) {
            return base;
        }
        if (!base.equals("tviews-statement") && !base.equals("tviews-row")) {
            throw new IllegalArgumentException("--batching is a mode of the tviews engine; it cannot apply to --engine "
                    + base + "; use it with tviews-statement or tviews-row (or --trigger-mode)");
        }
        return base + dev.tviews.scenarios.engine.TviewsReadModels.BATCHED_SUFFIX;
    }

    private String baseEngineName() {
        if (triggerMode != null) {
            String mode = triggerMode.trim().toLowerCase(Locale.ROOT);
            if (!mode.equals("statement") && !mode.equals("row")) {
                throw new IllegalArgumentException("--trigger-mode is statement or row, not '" + triggerMode + "'");
            }
            if (engine != null && !engine.equals("tviews-" + mode)) {
                throw new IllegalArgumentException("--trigger-mode " + mode + " means --engine tviews-" + mode
                        + ", which contradicts --engine " + engine + "; give one of them");
            }
            return "tviews-" + mode;
        }
        return engine != null ? ReadModelEngines.canonical(engine) : "tviews-statement";
    }

    private static ProgressListener progress(PrintWriter err, long everyNanos) {
        if (everyNanos <= 0) {
            return ProgressListener.NONE;
        }
        long[] next = {everyNanos};
        return p -> {
            if (p.elapsedNanos() >= next[0]) {
                next[0] = p.elapsedNanos() + everyNanos;
                double seconds = p.elapsedNanos() / 1e9;
                err.printf(Locale.ROOT, "[%6.0f s] %d transactions, %d statements, %d checks, %d failures (%.0f transactions/s)%n",
                        seconds, p.transactions(), p.statements(), p.checks(), p.failures(), p.transactions() / seconds);
                err.flush();
            }
        };
    }


    /** {@code 60s}, {@code 5m}, {@code 1h}, {@code 500ms}, a bare number of seconds, or ISO-8601 ({@code PT5M}). */
    static Duration parseDuration(String text) {
        return DurationConverter.parse(text);
    }

    /** Runs the command on its own: {@code java -cp … dev.tviews.checker.cli.CheckCommand --scenario social}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CheckCommand()).execute(args));
    }
}
