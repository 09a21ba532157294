package dev.tviews.checker.shrink;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.reproduce.ScriptReplayer;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.TemplateDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reduces a failing script to a 1-minimal one. The script's setup (schema, data, TVIEWs) is loaded
 * once into a template database; every candidate runs on a fresh clone of it, with the breakage
 * re-applied, and counts as failing when {@link ScriptReplayer} reproduces the failure.
 *
 * <p>Passes: the shortest failing suffix of whole transactions (a session's BEGIN … COMMIT, or one
 * autocommit statement), found by bisection, which removes most of a long log in a few tries;
 * delta debugging over those transactions; then delta debugging over single steps until removing
 * any one of them makes the failure disappear.
 */
public final class Shrinker {

    private static final AtomicLong COUNTER = new AtomicLong();

    /**
     * @param original  the script before shrinking
     * @param script    the reduced script
     * @param stepsIn   steps before shrinking
     * @param tests     candidates replayed
     * @param oneMinimal the step pass ran to the end, so no single step can be removed
     */
    public record Result(Script original, Script script, int stepsIn, int tests, boolean oneMinimal, Duration elapsed) {
        public int steps() {
            return script.steps().size();
        }
    }

    private final PostgresServer server;
    private final int maxTests;
    private final java.util.function.Consumer<String> trace;
    private final Duration maxTime;
    private final boolean waitForLocks;

    public Shrinker(PostgresServer server, int maxTests) {
        this(server, maxTests, line -> { });
    }

    /** @param trace told each candidate's size, verdict and time (for a progress display, or to see why shrinking is slow) */
    public Shrinker(PostgresServer server, int maxTests, java.util.function.Consumer<String> trace) {
        this(server, maxTests, Duration.ofMinutes(5), trace);
    }

    /** @param maxTime when shrinking stops (its result valid, but not minimal), whatever the replays left */
    public Shrinker(PostgresServer server, int maxTests, Duration maxTime, java.util.function.Consumer<String> trace) {
        this(server, maxTests, maxTime, trace, false);
    }

    private Shrinker(PostgresServer server, int maxTests, Duration maxTime, java.util.function.Consumer<String> trace,
                     boolean waitForLocks) {
        this.server = server;
        this.maxTests = maxTests;
        this.maxTime = maxTime;
        this.trace = trace;
        this.waitForLocks = waitForLocks;
    }

    /**
     * The same shrinker with several sessions' replays paced by their locks rather than by time
     * ({@link ScriptReplayer#replay(ScriptReplayer.Connector, Script, boolean)}): for a schedule
     * the interleaving explorer found, every candidate then replays the same on any machine.
     */
    public Shrinker waitingForLocks() {
        return new Shrinker(server, maxTests, maxTime, trace, true);
    }

    /** Shrinks {@code script}, which must reproduce its failure. */
    public Result shrink(Script script) throws Exception {
        long start = System.nanoTime();
        try (TemplateDatabase template = template(script); ClonePool clones = new ClonePool(template)) {
            Oracle oracle = ScriptReplayer.oracle(script);
            List<ScriptBlock.Step> steps = script.steps();
            int[] tests = {0};
            // The first passes check only after a candidate's last step (cheap, and what the cut log
            // showed); the last pass checks after every step, as replay does, so that the result is
            // 1-minimal for replay.
            DeltaDebugging.Test<Integer> atEnd = kept -> test(clones, script, oracle, pick(steps, kept), false, tests);
            DeltaDebugging.Test<Integer> byIndex = kept -> test(clones, script, oracle, pick(steps, kept), true, tests);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                all.add(i);
            }
            // A script that shows its failure only between steps (as replay checks: a race whose end
            // state happens to be fresh again in this order) is shrunk with the check after every step.
            DeltaDebugging.Test<Integer> first = atEnd;
            if (!atEnd.fails(all)) {
                if (!byIndex.fails(all)) {
                    throw new IllegalStateException("the script does not reproduce its failure on a fresh database, so it "
                            + "cannot be shrunk; replay it to see what differs");
                }
                first = byIndex;
            }
            DeltaDebugging.Test<Integer> early = first;
            // Pass 1: the shortest suffix of whole transactions; pass 2: transactions; pass 3: steps.
            List<List<Integer>> units = DeltaDebugging.shortestSuffix(transactions(steps),
                    kept -> early.fails(flatten(kept))).result();
            long deadline = start + maxTime.toNanos();
            DeltaDebugging.Result<List<Integer>> byUnit = DeltaDebugging.minimize(units,
                    kept -> early.fails(flatten(kept)), Math.max(1, maxTests / 2), deadline);
            // Pass 2: single steps.
            DeltaDebugging.Result<Integer> byStep = DeltaDebugging.minimize(flatten(byUnit.result()), byIndex,
                    Math.max(1, maxTests - tests[0]), deadline);
            Script reduced = script.withSteps(pick(steps, byStep.result()));
            return new Result(script, reduced, steps.size(), tests[0], byStep.complete(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Whether {@code script}'s steps reproduce the failure on a fresh clone of {@code template}. */
    /** The script's setup and its breakage (all but database settings, which clones do not inherit) in a template. */
    private TemplateDatabase template(Script script) {
        String name = String.format(Locale.ROOT, "tviews_shrink_%d_%d", ProcessHandle.current().pid(), COUNTER.incrementAndGet());
        return TemplateDatabase.create(server, name, c -> {
            ScriptReplayer.setUp(c, script);
            ScriptReplayer.applyBreakage(c, script, false);
        });
    }

    private boolean test(ClonePool clones, Script script, Oracle oracle, List<ScriptBlock.Step> steps, boolean everyStep,
                         int[] tests) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        tests[0]++;
        boolean fails = fails(clones, script, oracle, steps, everyStep, waitForLocks);
        trace.accept(String.format(Locale.ROOT, "replay %d: %d steps, %s, %d ms", tests[0], steps.size(),
                fails ? "fails" : "passes", (System.nanoTime() - t0) / 1_000_000));
        return fails;
    }

    static boolean fails(ClonePool clones, Script script, Oracle oracle, List<ScriptBlock.Step> steps, boolean everyStep,
                         boolean waitForLocks) throws SQLException, InterruptedException {
        FreshDatabase db = clones.take();
        try {
            try (Connection c = db.connect()) {
                ScriptReplayer.applyBreakage(c, script, true);
            }
            return ScriptReplayer.replaySteps(db::connect, script.withSteps(steps), oracle, everyStep, waitForLocks).reproduced();
        } finally {
            clones.release(db);
        }
    }

    /**
     * The steps that can be removed one at a time while the failure stays (each checked on a fresh
     * clone, with the oracle after every step): empty for a 1-minimal script.
     */
    public List<Integer> removableSteps(Script script) throws Exception {
        List<Integer> removable = new ArrayList<>();
        try (TemplateDatabase template = template(script); ClonePool clones = new ClonePool(template)) {
            Oracle oracle = ScriptReplayer.oracle(script);
            List<ScriptBlock.Step> steps = script.steps();
            for (int i = 0; i < steps.size(); i++) {
                List<ScriptBlock.Step> without = new ArrayList<>(steps);
                without.remove(i);
                if (fails(clones, script, oracle, without, true, waitForLocks)) {
                    removable.add(i);
                }
            }
        }
        return removable;
    }

    /** Whether the script, set up from scratch, reproduces its failure: for checking a result. */
    public boolean reproduces(Script script) throws SQLException {
        String name = String.format(Locale.ROOT, "tviews_check_repro_%d_%d", ProcessHandle.current().pid(), COUNTER.incrementAndGet());
        try (TemplateDatabase template = TemplateDatabase.create(server, name, c -> { })) {
            try (FreshDatabase db = template.cloneFresh()) {
                return ScriptReplayer.replay(db::connect, script, waitForLocks).reproduced();
            }
        }
    }

    private static List<ScriptBlock.Step> pick(List<ScriptBlock.Step> steps, List<Integer> indices) {
        return new TreeSet<>(indices).stream().map(steps::get).toList();
    }

    private static List<Integer> flatten(List<List<Integer>> units) {
        List<Integer> out = new ArrayList<>();
        units.forEach(out::addAll);
        return out;
    }

    /** Steps grouped by transaction, per session: BEGIN … COMMIT/ROLLBACK, or one autocommit step. */
    static List<List<Integer>> transactions(List<ScriptBlock.Step> steps) {
        List<List<Integer>> units = new ArrayList<>();
        List<List<Integer>> open = new ArrayList<>();
        for (int s = 0; s <= 9; s++) {
            open.add(new ArrayList<>());
        }
        for (int i = 0; i < steps.size(); i++) {
            ScriptBlock.Step step = steps.get(i);
            List<Integer> unit = open.get(step.session());
            String sql = step.sql().strip().toUpperCase(Locale.ROOT);
            boolean begins = sql.startsWith("BEGIN") || sql.startsWith("START TRANSACTION");
            boolean ends = sql.equals("COMMIT") || sql.equals("ROLLBACK") || sql.equals("END") || sql.startsWith("COMMIT ")
                    || sql.startsWith("ROLLBACK ") && !sql.startsWith("ROLLBACK TO");
            if (begins || !unit.isEmpty()) {
                unit.add(i);
                if (ends) {
                    units.add(new ArrayList<>(unit));
                    unit.clear();
                }
            } else {
                units.add(List.of(i));
            }
        }
        for (List<Integer> unit : open) {
            if (!unit.isEmpty()) {
                units.add(unit);
            }
        }
        units.sort(java.util.Comparator.comparing(u -> u.get(0)));
        return units;
    }
}
