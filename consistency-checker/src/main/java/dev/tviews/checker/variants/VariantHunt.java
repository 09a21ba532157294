package dev.tviews.checker.variants;

import dev.tviews.checker.concurrent.ConcurrentChecker;
import dev.tviews.checker.concurrent.ConcurrentOptions;
import dev.tviews.checker.concurrent.ConcurrentResult;
import dev.tviews.checker.explore.ExploreOptions;
import dev.tviews.checker.explore.ExploreResult;
import dev.tviews.checker.explore.InterleavingExplorer;
import dev.tviews.checker.reproduce.Reproducers;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.reproduce.Capture;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.ScenarioScales;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.checker.shrink.Shrinker;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hunts one broken variant with the generic checker: random workloads (seed after seed) on the
 * catalogue's scenario until the oracle catches it, then the failing log is cut, shrunk and written
 * as a reproducer. Concurrent variants are hunted by the {@link ConcurrentChecker}.
 */
public final class VariantHunt {

    /** How hard to look. */
    public record Budget(int seeds, long transactionsPerSeed, int concurrentSeeds, int concurrentRounds, int shrinkTests) {

        /** Without shrinking (0 tests): detection only. */
        public Budget withShrinking(boolean shrink) {
            return shrink ? this : new Budget(seeds, transactionsPerSeed, concurrentSeeds, concurrentRounds, 0);
        }

        /** What {@code mvn verify} affords. */
        public static Budget reduced() {
            return new Budget(8, 150, 3, 30, 150);
        }

        /** What {@code check --variants} spends. */
        public static Budget full() {
            return new Budget(20, 600, 10, 60, 600);
        }
    }

    /**
     * @param seed             the seed whose workload caught it (absent: not caught)
     * @param statements       write statements run until detection (every seed tried counted)
     * @param logSteps         steps of the whole log before shrinking (statements and transaction commands; the
     *                         workload runs on after the failure to {@link #LOG_AT_LEAST} statements)
     * @param toDetection      time until the oracle (or the engine's error) showed the failure
     * @param shrunk           the reproducer, and how shrinking went
     * @param failure          what the checker reported
     */
    public record Detection(BrokenVariant variant, Optional<Long> seed, long statements, int logSteps,
                            Duration toDetection, Optional<Shrinker.Result> shrunk, String failure) {

        public boolean caught() {
            return seed.isPresent();
        }

        /** Caught, not shrunk (a budget without shrinking). */
        private boolean unshrunk() {
            return caught() && shrunk.isEmpty();
        }

        /** Statements in the reproducer's workload (transaction commands included). */
        public int reproducerSteps() {
            return shrunk.map(Shrinker.Result::steps).orElse(0);
        }

        public String row() {
            if (unshrunk()) {
                return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %d → (not shrunk) | – | – |", variant.name(),
                        seed.get(), statements, toDetection.toMillis() / 1000.0, logSteps);
            }
            if (!caught()) {
                return String.format(Locale.ROOT, "| %s | not caught | %d | %.1f | – | – | – |", variant.name(), statements,
                        toDetection.toMillis() / 1000.0);
            }
            return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %d → %d%s | %d | %.1f |", variant.name(), seed.get(),
                    statements, toDetection.toMillis() / 1000.0, logSteps, reproducerSteps(),
                    shrunk.map(s -> s.oneMinimal() ? "" : " (budget)").orElse(""), shrunk.map(Shrinker.Result::tests).orElse(0),
                    shrunk.map(s -> s.elapsed().toMillis() / 1000.0).orElse(0.0));
        }
    }

    public static final String TABLE_HEADER = "| variant | seed | statements to detection | seconds to detection | "
            + "log steps → reproducer steps | replays | seconds shrinking |\n|---|---|---|---|---|---|---|";

    /**
     * A hunt's workload goes on after the failure until this many statements ran, so the reducer
     * always starts from a realistic log: it cuts it at the failing check, then shrinks.
     */
    public static final long LOG_AT_LEAST = 100;

    private final ScenarioTemplates templates;
    private final Budget budget;

    public VariantHunt(ScenarioTemplates templates, Budget budget) {
        this.templates = templates;
        this.budget = budget;
    }

    public static Scenario scenario() {
        return ScenarioReader.read(ScenarioSource.classpath(VariantCatalogue.SCENARIO_RESOURCE));
    }

    public static CheckTarget target(String engine) {
        return new CheckTarget("variants", scenario(), ScenarioScales.TINY, engine);
    }

    /** Hunts {@code variant} from seed {@code firstSeed} on. */
    public Detection hunt(BrokenVariant variant, long firstSeed) throws Exception {
        if (variant.concurrent()) {
            return huntConcurrently(variant, firstSeed);
        }
        long statements = 0;
        long nanos = 0;
        for (int i = 0; i < budget.seeds(); i++) {
            long seed = firstSeed + i;
            try (CheckSession session = CheckSession.open(templates, target(variant.name()))) {
                Capture capture = Capture.of(templates, session);
                CheckResult result = session.run(CheckOptions.transactions(seed, budget.transactionsPerSeed())
                        .withLogAtLeast(LOG_AT_LEAST), StatementLog.inMemory(), ProgressListener.NONE);
                statements += result.detection().statements();
                nanos += result.detection().elapsed().toNanos();
                if (result.passed()) {
                    continue;
                }
                List<ScriptBlock.Step> logged = Reproducers.steps(result.log().entries());
                List<ScriptBlock.Step> steps = Reproducers.stepsUpToFailure(result.log().entries());
                String failure = result.failure().orElseThrow().describe();
                Script script = capture.script(header(variant, seed, failure), steps,
                        Reproducers.checkQuery(session.connection(), session.oracle().targets()));
                Optional<Shrinker.Result> shrunk = budget.shrinkTests() == 0 ? Optional.empty()
                        : Optional.of(new Shrinker(templates.server(), budget.shrinkTests()).shrink(script));
                return new Detection(variant, Optional.of(seed), statements, logged.size(), Duration.ofNanos(nanos),
                        shrunk, failure);
            }
        }
        return new Detection(variant, Optional.empty(), statements, 0, Duration.ofNanos(nanos), Optional.empty(),
                "not caught with " + budget.seeds() + " seeds of " + budget.transactionsPerSeed() + " transactions");
    }

    private Detection huntConcurrently(BrokenVariant variant, long firstSeed) throws Exception {
        long statements = 0;
        long nanos = 0;
        for (int i = 0; i < budget.concurrentSeeds(); i++) {
            long seed = firstSeed + i;
            // Two-session replays wait out blocked statements: slow, so shrinking gets a shorter time limit.
            Shrinker shrinker = new Shrinker(templates.server(), budget.shrinkTests(), Duration.ofMinutes(3), line -> { });
            ConcurrentResult result = new ConcurrentChecker(templates).run(target(variant.name()),
                    ConcurrentOptions.defaults(seed).withRounds(budget.concurrentRounds()), shrinker::reproduces);
            statements += result.statements();
            nanos += result.elapsed().toNanos();
            if (result.passed()) {
                continue;
            }
            Script script = result.script().orElseThrow();
            script = script.withHeader(header(variant, seed, result.failure().orElse("?")));
            Shrinker.Result shrunk = shrinker.shrink(script);
            return new Detection(variant, Optional.of(seed), statements, script.steps().size(), Duration.ofNanos(nanos),
                    Optional.of(shrunk), result.failure().orElse("?"));
        }
        // Random rounds can miss a race that needs one exact order: the interleaving explorer tries them all.
        ExploreResult explored = new InterleavingExplorer(templates).run(target(variant.name()),
                ExploreOptions.defaults(firstSeed).withScripts(budget.concurrentRounds()), InterleavingExplorer.Progress.NONE);
        nanos += explored.elapsed().toNanos();
        if (!explored.passed()) {
            Script script = explored.script().orElseThrow();
            script = script.withHeader(header(variant, firstSeed, explored.failure().orElse("?")));
            Shrinker shrinker = new Shrinker(templates.server(), budget.shrinkTests(), Duration.ofMinutes(3), line -> { });
            Optional<Shrinker.Result> shrunk = budget.shrinkTests() == 0 ? Optional.empty() : Optional.of(shrinker.shrink(script));
            return new Detection(variant, Optional.of(firstSeed), statements, script.steps().size(), Duration.ofNanos(nanos),
                    shrunk, explored.failure().orElse("?") + " (found by the interleaving explorer after "
                    + explored.permutations() + " permutations)");
        }
        return new Detection(variant, Optional.empty(), statements, 0, Duration.ofNanos(nanos), Optional.empty(),
                "not caught with " + budget.concurrentSeeds() + " seeds of " + budget.concurrentRounds()
                        + " concurrent rounds, nor by the interleaving explorer in " + explored.permutations() + " permutations");
    }

    /** Runs the variant's avoiding workload (single session); passes when it finds nothing. */
    public CheckResult avoiding(BrokenVariant variant, long seed, long transactions) throws Exception {
        try (CheckSession session = CheckSession.open(templates, target(variant.name()))) {
            return session.run(CheckOptions.transactions(seed, transactions).withWeights(variant.avoiding()),
                    StatementLog.inMemory(), ProgressListener.NONE);
        }
    }

    static List<String> header(BrokenVariant variant, long seed, String failure) {
        List<String> h = new ArrayList<>();
        h.add("tviews reproducer, written by the consistency checker. Replay: java -jar benchmarks.jar replay FILE");
        h.add("variant: " + variant.name() + " (" + variant.bug() + ")");
        h.add("found by: java -jar benchmarks.jar check --scenario variants --engine " + variant.name() + " --seed " + seed
                + (variant.concurrent() ? " (concurrency checker)" : ""));
        h.add("seed: " + seed);
        h.add("failure as found: " + failure);
        h.add("Blocks: sql (plain SQL), install/create (the engine's Java API), sql breakage (what breaks the engine), "
                + "step N (one statement on session N), check (rows that differ).");
        return h;
    }
}
