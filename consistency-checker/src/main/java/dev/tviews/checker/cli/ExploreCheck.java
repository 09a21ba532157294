package dev.tviews.checker.cli;

import dev.tviews.checker.explore.ExploreOptions;
import dev.tviews.checker.explore.ExploreResult;
import dev.tviews.checker.explore.InterleavingExplorer;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.shrink.Shrinker;
import dev.tviews.database.PostgresServer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code check --explore}: the interleaving explorer on any scenario and strategy. Short scripts
 * of 2 or 3 sessions are drawn from the scenario's catalog and run in every order of their steps
 * (or a random sample), with the oracle after each; the first failing permutation is written as an
 * isolation-tester spec and as a replayable script, and replayed once from scratch.
 */
final class ExploreCheck {

    private ExploreCheck() {
    }

    static int run(PostgresServer server, ScenarioTemplates templates, CheckTarget target, ExploreOptions options,
                   String command, Path folder, long progressNanos, PrintWriter out, PrintWriter err) throws Exception {
        long[] next = {progressNanos};
        ExploreResult result = new InterleavingExplorer(templates).run(target, options, (script, r) -> {
            if (progressNanos > 0 && r.elapsed().toNanos() >= next[0]) {
                next[0] = r.elapsed().toNanos() + progressNanos;
                err.printf(Locale.ROOT, "[%6.0f s] script %d: %d permutations, %d schedules, %d blocked, 0 failures%n",
                        r.elapsed().toMillis() / 1000.0, script, r.permutations(), r.schedules(), r.blocked());
                err.flush();
            }
        });
        out.println(result.summary());
        if (result.passed()) {
            return 0;
        }
        out.println(result.failure().orElseThrow());
        String base = String.format(Locale.ROOT, "tviews-explore-%s-%s-%d", target.scenario().name()
                .replaceAll("[^A-Za-z0-9_-]", "_"), target.engine(), options.seed());
        Files.createDirectories(folder);
        Path spec = folder.resolve(base + ".spec").toAbsolutePath();
        Path script = folder.resolve(base + "-reproducer.sql").toAbsolutePath();
        Files.writeString(spec, result.spec().orElseThrow(), StandardCharsets.UTF_8);
        result.script().orElseThrow().withHeader(java.util.stream.Stream.concat(
                result.script().orElseThrow().header().stream(), java.util.stream.Stream.of("found by: " + command)).toList())
                .write(script);
        boolean replays = new Shrinker(server, 1).reproduces(result.script().orElseThrow());
        out.printf("isolation-tester spec: %s%n  run: isolationtester \"dbname=<an empty database>\" < %s%n", spec, spec);
        out.printf("replayable script: %s (replayed once from scratch: %s)%nreplay: java -jar benchmarks.jar replay %s%n",
                script, replays ? "reproduced" : "did not reproduce, a race the replay's timing misses", script);
        return 1;
    }
}
