package dev.tviews.checker.explore;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The interleavings of a few sessions' step lists: every order that keeps each session's own
 * steps in order (the multinomial coefficient of their lengths), all of them while there are at
 * most {@code limit}, otherwise {@code limit} distinct ones drawn at random.
 */
public final class Interleavings {

    private Interleavings() {
    }

    /** A step of a permutation: the {@code index}-th step (0-based) of session {@code session} (1-based). */
    public record StepRef(int session, int index) {

        /** The step's name in an isolation-tester spec and in messages: {@code s1a}, {@code s1b}, {@code s2a} … */
        public String name() {
            return "s" + session + (char) ('a' + index);
        }
    }

    /** How many interleavings the lengths have: (Σn)! / Π(n!). */
    public static BigInteger count(List<Integer> lengths) {
        BigInteger total = BigInteger.ONE;
        int placed = 0;
        for (int n : lengths) {
            for (int k = 1; k <= n; k++) {
                placed++;
                // C(placed, k) built up one factor at a time stays an integer at every step.
                total = total.multiply(BigInteger.valueOf(placed)).divide(BigInteger.valueOf(k));
            }
        }
        return total;
    }

    /** All interleavings when there are at most {@code limit}, else {@code limit} distinct random ones (seeded). */
    public static List<List<StepRef>> of(List<Integer> lengths, int limit, long seed) {
        if (count(lengths).compareTo(BigInteger.valueOf(limit)) <= 0) {
            List<List<StepRef>> all = new ArrayList<>();
            enumerate(lengths, new int[lengths.size()], new ArrayList<>(), all);
            return all;
        }
        return sample(lengths, limit, new SplittableRandom(seed));
    }

    private static void enumerate(List<Integer> lengths, int[] next, List<StepRef> prefix, List<List<StepRef>> out) {
        boolean any = false;
        for (int s = 0; s < lengths.size(); s++) {
            if (next[s] < lengths.get(s)) {
                any = true;
                prefix.add(new StepRef(s + 1, next[s]));
                next[s]++;
                enumerate(lengths, next, prefix, out);
                next[s]--;
                prefix.remove(prefix.size() - 1);
            }
        }
        if (!any) {
            out.add(List.copyOf(prefix));
        }
    }

    /** Uniform over interleavings: a random shuffle of the sessions' labels, one label per step. */
    private static List<List<StepRef>> sample(List<Integer> lengths, int limit, SplittableRandom random) {
        List<Integer> labels = new ArrayList<>();
        for (int s = 0; s < lengths.size(); s++) {
            for (int i = 0; i < lengths.get(s); i++) {
                labels.add(s + 1);
            }
        }
        Set<List<StepRef>> drawn = new LinkedHashSet<>();
        for (int attempt = 0; drawn.size() < limit && attempt < limit * 20; attempt++) {
            List<Integer> order = new ArrayList<>(labels);
            for (int i = order.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = order.get(i);
                order.set(i, order.get(j));
                order.set(j, t);
            }
            int[] next = new int[lengths.size()];
            List<StepRef> permutation = new ArrayList<>();
            for (int session : order) {
                permutation.add(new StepRef(session, next[session - 1]++));
            }
            drawn.add(List.copyOf(permutation));
        }
        return new ArrayList<>(drawn);
    }
}
