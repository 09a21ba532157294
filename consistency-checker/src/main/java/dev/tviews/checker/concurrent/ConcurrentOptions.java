package dev.tviews.checker.concurrent;

import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;

import java.util.List;

/**
 * How the concurrency checker runs.
 *
 * @param seed                 seeds every session's workload (session i draws from seed·31 + i)
 * @param sessions             concurrent connections (reproducers replay two)
 * @param rounds               rounds; after each one, with every session idle, the oracle runs
 * @param transactionsPerRound transactions each session runs per round
 * @param isolationLevels      one per round, in turn
 * @param retries              attempts of a transaction after a serialization failure, deadlock or lock timeout
 */
public record ConcurrentOptions(long seed, int sessions, int rounds, int transactionsPerRound, List<String> isolationLevels,
                                int retries, Weights weights) {

    public static final List<String> ALL_LEVELS = List.of("read committed", "repeatable read", "serializable");

    public ConcurrentOptions {
        isolationLevels = List.copyOf(isolationLevels);
        if (sessions < 2) {
            throw new IllegalArgumentException("the concurrency checker needs at least 2 sessions, not " + sessions);
        }
        if (isolationLevels.isEmpty() || !ALL_LEVELS.containsAll(isolationLevels)) {
            throw new IllegalArgumentException("isolation levels are among " + ALL_LEVELS + ", not " + isolationLevels);
        }
    }

    /** Two sessions, 20 rounds of 2 transactions each, all three isolation levels, no TRUNCATE (it serializes everything). */
    public static ConcurrentOptions defaults(long seed) {
        return new ConcurrentOptions(seed, 2, 20, 2, ALL_LEVELS, 3, Weights.defaults().with(StepKind.TRUNCATE, 0));
    }

    public ConcurrentOptions withRounds(int n) {
        return new ConcurrentOptions(seed, sessions, n, transactionsPerRound, isolationLevels, retries, weights);
    }

    public ConcurrentOptions withIsolationLevels(List<String> levels) {
        return new ConcurrentOptions(seed, sessions, rounds, transactionsPerRound, levels, retries, weights);
    }
}
