package dev.tviews.checker.concurrent;

import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the concurrency checker runs.
 *
 * @param seed                 seeds every session's workload (session i draws from seed·31 + i)
 * @param sessions             concurrent connections (reproducers replay two)
 * @param rounds               rounds; after each one, with every session idle, the oracle runs
 * @param transactionsPerRound transactions each session runs per round
 * @param isolationLevels      one per round, in turn
 * @param retries              attempts of a transaction after a serialization failure, deadlock or lock timeout
 * @param timeLimit            no new round starts after this long; empty: only {@code rounds} counts
 */
public record ConcurrentOptions(long seed, int sessions, int rounds, int transactionsPerRound, List<String> isolationLevels,
                                int retries, Weights weights, Optional<Duration> timeLimit) {

    public static final List<String> ALL_LEVELS = List.of("read committed", "repeatable read", "serializable");

    public ConcurrentOptions {
        isolationLevels = List.copyOf(isolationLevels);
        if (sessions < 2) {
            throw new IllegalArgumentException("the concurrency checker needs at least 2 sessions, not " + sessions);
        }
        if (isolationLevels.isEmpty() || !ALL_LEVELS.containsAll(isolationLevels)) {
            throw new IllegalArgumentException("isolation levels are among " + ALL_LEVELS + ", not " + isolationLevels);
        }
        if (rounds < 1 || transactionsPerRound < 1) {
            throw new IllegalArgumentException("the concurrency checker needs at least 1 round of at least 1 transaction, not "
                    + rounds + " rounds of " + transactionsPerRound);
        }
    }

    /**
     * Isolation levels as a user writes them: {@code read-committed}, {@code repeatable-read},
     * {@code serializable} (or with spaces), comma-separated, or {@code all}.
     */
    public static List<String> parseLevels(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return ALL_LEVELS;
        }
        List<String> levels = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String level = part.trim().toLowerCase(java.util.Locale.ROOT).replace('-', ' ').replace('_', ' ');
            if (!ALL_LEVELS.contains(level)) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not an isolation level: use read-committed, "
                        + "repeatable-read, serializable (comma-separated) or all");
            }
            if (!levels.contains(level)) {
                levels.add(level);
            }
        }
        return levels;
    }

    /** Two sessions, 20 rounds of 2 transactions each, all three isolation levels, no TRUNCATE (it serializes everything). */
    public static ConcurrentOptions defaults(long seed) {
        return new ConcurrentOptions(seed, 2, 20, 2, ALL_LEVELS, 3, Weights.defaults().with(StepKind.TRUNCATE, 0),
                Optional.empty());
    }

    public ConcurrentOptions withRounds(int n) {
        return new ConcurrentOptions(seed, sessions, n, transactionsPerRound, isolationLevels, retries, weights, timeLimit);
    }

    public ConcurrentOptions withIsolationLevels(List<String> levels) {
        return new ConcurrentOptions(seed, sessions, rounds, transactionsPerRound, levels, retries, weights, timeLimit);
    }

    public ConcurrentOptions withSessions(int n) {
        return new ConcurrentOptions(seed, n, rounds, transactionsPerRound, isolationLevels, retries, weights, timeLimit);
    }

    /** Rounds until {@code limit} has passed (or {@code rounds} ran, whichever comes first). */
    public ConcurrentOptions withTimeLimit(Duration limit) {
        return new ConcurrentOptions(seed, sessions, rounds, transactionsPerRound, isolationLevels, retries, weights,
                Optional.of(limit));
    }
}
