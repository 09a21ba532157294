package dev.tviews.checker.explore;

import dev.tviews.checker.concurrent.ConcurrentOptions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the interleaving explorer runs.
 *
 * @param seed            seeds the scripts (script i, session s draws from a seed of its own) and the sampling
 * @param sessions        sessions per script (2 or 3 make short scripts whose interleavings can all be run)
 * @param statements      write statements per session, before its COMMIT
 * @param scripts         scripts to explore (each with every interleaving of its steps, up to {@code permutations})
 * @param permutations    interleavings per script: all of them up to this many, otherwise this many drawn at random
 * @param isolationLevels one per script, in turn
 * @param timeLimit       no new script starts after this long
 */
public record ExploreOptions(long seed, int sessions, int statements, int scripts, int permutations,
                             List<String> isolationLevels, Optional<Duration> timeLimit) {

    public ExploreOptions {
        isolationLevels = List.copyOf(isolationLevels);
        if (sessions < 2 || sessions > 3) {
            throw new IllegalArgumentException("the interleaving explorer runs scripts of 2 or 3 sessions, not " + sessions);
        }
        if (statements < 1 || statements > 4) {
            throw new IllegalArgumentException("scripts of the interleaving explorer have 1 to 4 statements per session "
                    + "(their interleavings grow factorially), not " + statements);
        }
        if (scripts < 1 || permutations < 1) {
            throw new IllegalArgumentException("the interleaving explorer needs at least 1 script and 1 permutation, not "
                    + scripts + " and " + permutations);
        }
        if (isolationLevels.isEmpty() || !ConcurrentOptions.ALL_LEVELS.containsAll(isolationLevels)) {
            throw new IllegalArgumentException("isolation levels are among " + ConcurrentOptions.ALL_LEVELS + ", not "
                    + isolationLevels);
        }
    }

    /**
     * Two sessions of two statements and COMMIT (20 interleavings each), 50 scripts, all three isolation levels.
     */
    public static ExploreOptions defaults(long seed) {
        return new ExploreOptions(seed, 2, 2, 50, 100, ConcurrentOptions.ALL_LEVELS, Optional.empty());
    }

    public ExploreOptions withSessions(int n) {
        return new ExploreOptions(seed, n, statements, scripts, permutations, isolationLevels, timeLimit);
    }

    public ExploreOptions withStatements(int n) {
        return new ExploreOptions(seed, sessions, n, scripts, permutations, isolationLevels, timeLimit);
    }

    public ExploreOptions withScripts(int n) {
        return new ExploreOptions(seed, sessions, statements, n, permutations, isolationLevels, timeLimit);
    }

    public ExploreOptions withPermutations(int n) {
        return new ExploreOptions(seed, sessions, statements, scripts, n, isolationLevels, timeLimit);
    }

    public ExploreOptions withIsolationLevels(List<String> levels) {
        return new ExploreOptions(seed, sessions, statements, scripts, permutations, levels, timeLimit);
    }

    public ExploreOptions withTimeLimit(Duration limit) {
        return new ExploreOptions(seed, sessions, statements, scripts, permutations, isolationLevels, Optional.of(limit));
    }
}
