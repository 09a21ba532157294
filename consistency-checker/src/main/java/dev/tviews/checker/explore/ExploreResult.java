package dev.tviews.checker.explore;

import dev.tviews.checker.reproduce.Script;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What an exploration found.
 *
 * @param scripts      scripts explored
 * @param permutations permutations run (each on a fresh copy of the data, with the oracle after it)
 * @param schedules    distinct orders in which the steps actually started (a step held back behind its
 *                     blocked session makes two permutations one schedule)
 * @param blocked      permutations in which some step waited for another session ({@code pg_blocking_pids})
 * @param errors       failed steps per SQLSTATE, over all permutations
 * @param failure      the oracle's report after the first permutation that left stale read models
 * @param spec         that permutation as an isolation-tester spec
 * @param script       that permutation as the project's replayable multi-session script
 * @param permutation  its step names in the order they started, e.g. {@code s1a s2a s1b s2b}
 */
public record ExploreResult(long seed, int scripts, int permutations, int schedules, int blocked,
                            Map<String, Integer> errors, Duration elapsed, Optional<String> failure,
                            Optional<String> spec, Optional<Script> script, Optional<String> permutation) {

    public ExploreResult {
        errors = Map.copyOf(errors);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    public String summary() {
        return "explore, seed " + seed + ": " + scripts + " scripts, " + permutations + " permutations (" + schedules
                + " distinct schedules, " + blocked + " with a blocked step), failed steps " + new java.util.TreeMap<>(errors) + ", "
                + (passed() ? "0 failures" : "1 failure (permutation " + permutation.orElse("?") + ")") + " in "
                + elapsed.toMillis() / 1000.0 + " s";
    }
}
