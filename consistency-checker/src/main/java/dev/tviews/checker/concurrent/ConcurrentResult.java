package dev.tviews.checker.concurrent;

import dev.tviews.checker.reproduce.Script;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a concurrent run.
 *
 * @param statements   write statements executed, over all sessions
 * @param committed    transactions committed
 * @param retried      transactions retried after a serialization failure (40001), a deadlock (40P01) or a lock timeout (55P03)
 * @param conflicts    such errors per SQLSTATE
 * @param otherErrors  statements that failed for other reasons than the data (counted, rolled back, not failures)
 * @param checks       oracle runs (one per round)
 * @param unreplayable stale rounds whose recorded order did not reproduce when replayed (races inside one statement)
 * @param firstUnreplayed the oracle's diff after the first such round
 * @param firstUnreplayedScript that round as recorded, for a person to read: its order does not replay
 * @param failure      the oracle's diff after the first round that left stale read models
 * @param script       that round as a two-session reproducer (unshrunk): the data at the round's start, then its steps
 */
public record ConcurrentResult(long seed, long statements, long committed, long retried, Map<String, Long> conflicts,
                               long otherErrors, int checks, long unreplayable, Optional<String> firstUnreplayed,
                               Optional<Script> firstUnreplayedScript,
                               Duration elapsed, Optional<String> failure,
                               Optional<Script> script) {

    public ConcurrentResult {
        conflicts = Map.copyOf(conflicts);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    public String summary() {
        return "concurrent, seed " + seed + ": " + statements + " statements, " + committed + " commits, " + retried
                + " retries " + conflicts + ", " + otherErrors + " other errors, " + checks + " checks, " + unreplayable
                + " stale rounds that did not replay, "
                + (passed() ? "0 failures" : "1 failure") + " in " + elapsed.toMillis() / 1000.0 + " s";
    }
}
