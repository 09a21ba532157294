package dev.tviews.checker.cli;

import dev.tviews.checker.concurrent.ConcurrentChecker;
import dev.tviews.checker.concurrent.ConcurrentOptions;
import dev.tviews.checker.concurrent.ConcurrentResult;
import dev.tviews.checker.replica.ReplicaOracle;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.shrink.Shrinker;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.Replicas;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code check --sessions N}: the concurrency checker on any scenario. N sessions run random
 * transactions on the scenario's small data set, so they collide on hot keys, at the chosen
 * isolation levels in turn (one per round); conflicts are retried and counted; the oracle runs
 * after every round; the first stale round that replays is shrunk into a multi-session reproducer.
 */
final class ConcurrentCheck {

    /** Shrinking replays sessions step by step and waits out blocked statements: it gets a time limit. */
    private static final Duration SHRINK_TIME = Duration.ofMinutes(3);
    private static final int SHRINK_TESTS = 600;

    private ConcurrentCheck() {
    }

    /** The command line that repeats a run, for progress lines and reproducer headers. */
    record Command(String scenarioArgument, String engine, int sessions, List<String> levels, long seed) {

        String text() {
            return "java -jar benchmarks.jar check --scenario " + scenarioArgument + " --engine " + engine + " --sessions "
                    + sessions + " --isolation " + String.join(",", levels.stream().map(l -> l.replace(' ', '-')).toList())
                    + " --seed " + seed;
        }
    }

    static int run(PostgresServer server, ScenarioTemplates templates, CheckTarget target, ConcurrentOptions options,
                   Command command, boolean shrink, Path reproducerFile, long progressNanos, PrintWriter out, PrintWriter err)
            throws Exception {
        return run(server, templates, target, options, command, shrink, reproducerFile, progressNanos, Replicas.none(server),
                out, err);
    }

    /** As above, with the oracle on {@code replicas} every 100 ms while the sessions write to the primary. */
    static int run(PostgresServer server, ScenarioTemplates templates, CheckTarget target, ConcurrentOptions options,
                   Command command, boolean shrink, Path reproducerFile, long progressNanos, Replicas replicas,
                   PrintWriter out, PrintWriter err) throws Exception {
        Shrinker shrinker = new Shrinker(server, SHRINK_TESTS, SHRINK_TIME, line -> { });
        ConcurrentChecker.Validator validator = shrink ? shrinker::reproduces : script -> true;
        List<ReplicaOracle.Result> onReplicas = new java.util.ArrayList<>();
        ConcurrentResult result = new ConcurrentChecker(templates).run(target, options, validator,
                progress(err, progressNanos), session -> {
                    if (replicas.isEmpty()) {
                        return () -> { };
                    }
                    ReplicaOracle watch = ReplicaOracle.start(replicas, session.database().name(), session.oracle(),
                            Duration.ofMillis(100));
                    return () -> onReplicas.add(watch.finish(Duration.ofSeconds(60)));
                });
        out.println(result.summary());
        for (ReplicaOracle.Result r : onReplicas) {
            out.println(r.summary());
            r.failure().ifPresent(f -> out.println("stale on a replica " + f));
            if (!r.passed() && result.passed()) {
                return 1;
            }
        }
        if (result.firstUnreplayed().isPresent()) {
            Path recorded = reproducerFile.resolveSibling(reproducerFile.getFileName().toString()
                    .replaceAll("\\.sql$", "") + "-unreplayed.sql");
            result.firstUnreplayedScript().orElseThrow().write(recorded);
            out.println("warning: a round left stale read models that its recorded order did not reproduce when replayed "
                    + "(a race inside one statement); its record: " + recorded + "; the first diff:\n"
                    + result.firstUnreplayed().get());
        }
        if (result.passed()) {
            return 0;
        }
        out.println(result.failure().orElseThrow());
        out.flush();
        Script script = result.script().orElseThrow().withHeader(List.of(
                "tviews reproducer, written by the consistency checker (concurrent sessions). Replay: java -jar benchmarks.jar replay FILE",
                "found by: " + command.text(), "seed: " + command.seed(),
                "failure as found: " + result.failure().orElseThrow(),
                "Blocks: sql (plain SQL), install/create (the engine's Java API), step N (one statement on session N), "
                        + "check (rows that differ)."));
        if (shrink) {
            out.printf(Locale.ROOT, "shrinking %d statements …%n", script.steps().size());
            out.flush();
            Shrinker.Result shrunk = shrinker.shrink(script);
            script = shrunk.script();
            out.printf(Locale.ROOT, "reproducer: %d statements (from %d, %s, %d replays in %.1f s)%n", shrunk.steps(),
                    shrunk.stepsIn(), shrunk.oneMinimal() ? "1-minimal" : "shrinking stopped at its budget", shrunk.tests(),
                    shrunk.elapsed().toMillis() / 1000.0);
        }
        script.write(reproducerFile);
        out.printf("reproducer: %s%nreplay: java -jar benchmarks.jar replay %s%n", reproducerFile, reproducerFile);
        return 1;
    }

    private static ConcurrentChecker.Progress progress(PrintWriter err, long everyNanos) {
        if (everyNanos <= 0) {
            return ConcurrentChecker.Progress.NONE;
        }
        long[] next = {everyNanos};
        return (round, level, r) -> {
            if (r.elapsed().toNanos() >= next[0]) {
                next[0] = r.elapsed().toNanos() + everyNanos;
                err.printf(Locale.ROOT, "[%6.0f s] round %d (%s): %d commits, %d statements, %d retries %s, %d checks, 0 failures%n",
                        r.elapsed().toMillis() / 1000.0, round, level, r.committed(), r.statements(), r.retried(),
                        r.conflicts(), r.checks());
                err.flush();
            }
        };
    }
}
