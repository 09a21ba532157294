package dev.tviews.scenarios.validation;

import java.util.Collection;
import java.util.Comparator;

/** "did you mean 'weight'? " for a misspelt name: the nearest candidate by edit distance, ignoring case. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The nearest of {@code candidates} within {@code max(atLeast, length / 3)} edits, as the start of a fix
     * ("did you mean 'x'? "), or empty when none is that near.
     */
    public static String didYouMean(String wrong, Collection<String> candidates, int atLeast) {
        return candidates.stream()
                .filter(c -> distance(c, wrong) <= Math.max(atLeast, c.length() / 3))
                .min(Comparator.comparingInt(c -> distance(c, wrong)))
                .map(c -> "did you mean '" + c + "'? ")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
