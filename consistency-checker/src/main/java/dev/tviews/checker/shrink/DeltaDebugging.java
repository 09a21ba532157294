package dev.tviews.checker.shrink;

import java.util.ArrayList;
import java.util.List;

/**
 * Zeller's ddmin: the smallest failing subsequence it can find by removing chunks of ever finer
 * granularity. When it finishes within its budget the result is 1-minimal: removing any single
 * element makes the failure disappear (the last round tries exactly that).
 */
public final class DeltaDebugging {

    /** Decides whether a candidate still fails. */
    @FunctionalInterface
    public interface Test<T> {
        boolean fails(List<T> candidate) throws Exception;
    }

    /**
     * @param result   the smallest failing sequence found
     * @param tests    candidates tried
     * @param complete whether ddmin ran to the end (so the result is 1-minimal), rather than stopping at the budget
     */
    public record Result<T>(List<T> result, int tests, boolean complete) {
    }

    private DeltaDebugging() {
    }

    /**
     * Reduces {@code failing}, which must fail, with at most {@code maxTests} tests.
     */
    public static <T> Result<T> minimize(List<T> failing, Test<T> test, int maxTests) throws Exception {
        return minimize(failing, test, maxTests, Long.MAX_VALUE);
    }

    /** As {@link #minimize(List, Test, int)}, also stopping (incomplete) at {@code deadlineNanos} ({@link System#nanoTime()}). */
    public static <T> Result<T> minimize(List<T> failing, Test<T> test, int maxTests, long deadlineNanos) throws Exception {
        List<T> current = List.copyOf(failing);
        int n = 2;
        int tests = 0;
        while (current.size() >= 2) {
            if (System.nanoTime() > deadlineNanos) {
                return new Result<>(current, tests, false);
            }
            List<List<T>> chunks = split(current, n);
            boolean reduced = false;
            // Each chunk alone (with two chunks, a chunk is the other's complement: tried below; with
            // many, a lone chunk almost never fails when a failure needs a few scattered parts) …
            if (chunks.size() > 2 && chunks.size() <= 4) {
                for (List<T> chunk : chunks) {
                    if (tests >= maxTests) {
                        return new Result<>(current, tests, false);
                    }
                    tests++;
                    if (test.fails(chunk)) {
                        current = chunk;
                        n = 2;
                        reduced = true;
                        break;
                    }
                }
            }
            // … then each complement.
            if (!reduced) {
                for (int i = 0; i < chunks.size(); i++) {
                    if (tests >= maxTests) {
                        return new Result<>(current, tests, false);
                    }
                    List<T> complement = new ArrayList<>();
                    for (int j = 0; j < chunks.size(); j++) {
                        if (j != i) {
                            complement.addAll(chunks.get(j));
                        }
                    }
                    tests++;
                    if (test.fails(complement)) {
                        current = complement;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced) {
                if (n >= current.size()) {
                    break; // every single element was tried: 1-minimal
                }
                n = Math.min(current.size(), n * 2);
            }
        }
        return new Result<>(current, tests, true);
    }

    /**
     * The shortest failing suffix, by doubling then bisecting its length: a failure usually needs
     * the last statements and a few before them, so this removes most of a long log in a handful
     * of tests. Assumes that a longer suffix of a failing one fails too (it is only a first cut).
     */
    public static <T> Result<T> shortestSuffix(List<T> failing, Test<T> test) throws Exception {
        int tests = 0;
        int n = failing.size();
        int fails = n;      // a suffix length known to fail
        int passes = 0;     // a suffix length known to pass
        for (int len = 1; len < n; len *= 2) {
            tests++;
            if (test.fails(failing.subList(n - len, n))) {
                fails = len;
                break;
            }
            passes = len;
        }
        while (fails - passes > 1) {
            int mid = (fails + passes) / 2;
            tests++;
            if (test.fails(failing.subList(n - mid, n))) {
                fails = mid;
            } else {
                passes = mid;
            }
        }
        return new Result<>(List.copyOf(failing.subList(n - fails, n)), tests, true);
    }

    private static <T> List<List<T>> split(List<T> list, int n) {
        List<List<T>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (list.size() - start) / (n - i);
            if (end > start) {
                out.add(List.copyOf(list.subList(start, end)));
            }
            start = end;
        }
        return out;
    }
}
