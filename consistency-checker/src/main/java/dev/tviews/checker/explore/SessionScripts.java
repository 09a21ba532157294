package dev.tviews.checker.explore;

import java.util.List;
import java.util.Locale;

/**
 * A short script per session, the unit the explorer interleaves: each session opens a transaction
 * at {@code isolationLevel} before the permutation starts (the session's setup), then runs its
 * steps — a few write statements and {@code COMMIT} — one at a time, in the order a permutation says.
 *
 * @param sessions each session's steps, one SQL statement each (on one line)
 */
public record SessionScripts(String isolationLevel, List<List<String>> sessions) {

    public SessionScripts {
        sessions = sessions.stream().map(List::copyOf).toList();
        if (sessions.size() < 2 || sessions.size() > 9) {
            throw new IllegalArgumentException("an interleaving needs 2 to 9 sessions, not " + sessions.size());
        }
        for (List<String> steps : sessions) {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("every session of an interleaving needs at least one step");
            }
            for (String sql : steps) {
                if (sql.contains("\n")) {
                    throw new IllegalArgumentException("a step is one statement on one line, not: " + sql);
                }
            }
        }
    }

    /** Explicit scripts: each session's statements, to which {@code COMMIT} is appended. */
    public static SessionScripts committing(String isolationLevel, List<List<String>> statements) {
        return new SessionScripts(isolationLevel, statements.stream()
                .map(s -> java.util.stream.Stream.concat(s.stream(), java.util.stream.Stream.of("COMMIT")).toList()).toList());
    }

    public List<Integer> lengths() {
        return sessions.stream().map(List::size).toList();
    }

    public String sql(Interleavings.StepRef step) {
        return sessions.get(step.session() - 1).get(step.index());
    }

    /** What each session runs before the permutation: {@code BEGIN ISOLATION LEVEL …}. */
    public String begin() {
        return "BEGIN ISOLATION LEVEL " + isolationLevel.toUpperCase(Locale.ROOT);
    }
}
