package dev.tviews.benchmarks.consistency;

import dev.tviews.scenarios.BundledScenarios;

import java.time.Duration;
import java.util.List;

/**
 * What the consistency stage of a profile checks, and for how long: the random-workload checker (as
 * {@code check} runs it) on every scenario with every engine, sharing {@code singleBudget}, then the
 * concurrent checker (as {@code check --sessions N} runs it) once on the first scenario with the first
 * engine for {@code concurrentTime}. The budget is fixed, so the stage takes the same time on a quiet and a
 * busy machine; only a failure adds its shrinking, itself bounded by {@code shrinkTime}.
 *
 * @param scenarios      bundled scenario names (or scenario file paths)
 * @param engines        read-model strategies checked, e.g. tviews-statement and tviews-row (the trigger modes),
 *                       or a broken variant of the checker's catalogue
 * @param scale          scale of the data loaded (the checker's default, tiny: writes collide and checks are quick)
 * @param singleBudget   wall-clock time shared by the single-session runs
 * @param sessions       sessions of the concurrent run; 0 for no concurrent run
 * @param concurrentTime how long the concurrent run goes on starting rounds
 * @param shrinkTime     how long a failure may be shrunk into its reproducer
 */
public record ConsistencyPlan(List<String> scenarios, List<String> engines, String scale, Duration singleBudget,
                              int sessions, Duration concurrentTime, Duration shrinkTime) {

    /** A single-session run never gets less than this, however many scenarios share the budget. */
    static final Duration MIN_RUN = Duration.ofSeconds(5);
    public static final List<String> TRIGGER_MODES = List.of("tviews-statement", "tviews-row");

    public ConsistencyPlan {
        scenarios = List.copyOf(scenarios);
        engines = List.copyOf(engines);
        if (scenarios.isEmpty() || engines.isEmpty()) {
            throw new IllegalArgumentException("the consistency stage needs at least one scenario and one engine, not "
                    + scenarios + " and " + engines);
        }
        if (sessions == 1 || sessions < 0) {
            throw new IllegalArgumentException("the concurrent run needs at least 2 sessions (or 0 for none), not " + sessions);
        }
    }

    /**
     * The default profile's: every bundled scenario in both trigger modes, 40 s in all, then 4 sessions for 15 s;
     * about a minute and a quarter with set-up (four scenarios), which keeps the quick profile under 10 minutes.
     */
    public static ConsistencyPlan quick() {
        return new ConsistencyPlan(BundledScenarios.names(), TRIGGER_MODES, "tiny", Duration.ofSeconds(40), 4,
                Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    /** The full profile's: a minute per scenario and trigger mode, then 8 sessions for 3 minutes. */
    public static ConsistencyPlan full() {
        return new ConsistencyPlan(BundledScenarios.names(), TRIGGER_MODES, "tiny",
                Duration.ofMinutes(BundledScenarios.names().size() * 2L), 8, Duration.ofMinutes(3), Duration.ofMinutes(5));
    }

    public ConsistencyPlan withEngines(List<String> names) {
        return new ConsistencyPlan(scenarios, names, scale, singleBudget, sessions, concurrentTime, shrinkTime);
    }

    public ConsistencyPlan withScenarios(List<String> names) {
        return new ConsistencyPlan(names, engines, scale, singleBudget, sessions, concurrentTime, shrinkTime);
    }

    public ConsistencyPlan withTimes(Duration single, int sessionCount, Duration concurrent, Duration shrink) {
        return new ConsistencyPlan(scenarios, engines, scale, single, sessionCount, concurrent, shrink);
    }

    public int singleRuns() {
        return scenarios.size() * engines.size();
    }

    /** Each single-session run's share of the budget. */
    public Duration perRun() {
        Duration share = singleBudget.dividedBy(singleRuns());
        return share.compareTo(MIN_RUN) < 0 ? MIN_RUN : share;
    }

    /** Seconds the stage is expected to take when nothing fails: the runs plus a few seconds each to set up. */
    public double expectedSeconds() {
        return singleRuns() * (perRun().toMillis() / 1000.0 + 3) + (sessions > 0 ? concurrentTime.toSeconds() + 5 : 0);
    }
}
