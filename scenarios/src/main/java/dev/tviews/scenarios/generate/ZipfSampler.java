package dev.tviews.scenarios.generate;

import java.util.SplittableRandom;

/**
 * Zipf-like ranks in O(1) for any n, by inverting the continuous power law: rank k is drawn
 * with probability proportional to the integral of x^-skew over [k, k+1). Close to discrete Zipf
 * for the shape that matters here (a few very hot keys, a long tail), without a table per n, so
 * it also works while the key set grows during a run.
 */
public final class ZipfSampler {

    private ZipfSampler() {
    }

    /** A rank in {@code [1, n]}. */
    public static long rank(SplittableRandom random, long n, double skew) {
        if (n <= 1) {
            return 1;
        }
        double u = random.nextDouble();
        double x;
        if (Math.abs(skew - 1.0) < 1e-9) {
            x = Math.pow(n + 1.0, u);
        } else {
            double a = 1.0 - skew;
            x = Math.pow(1.0 + u * (Math.pow(n + 1.0, a) - 1.0), 1.0 / a);
        }
        long k = (long) Math.floor(x);
        return Math.max(1, Math.min(n, k));
    }
}
