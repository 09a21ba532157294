package dev.tviews.reports.charts;

/** Which percentiles a sample count can support. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * Whether {@code count} samples estimate percentile {@code p}: at least 1/(1 − p/100) of them, e.g. 100 for
     * p99 and 1,000 for p99.9. With fewer, the value is just the largest sample (or close to it).
     */
    public static boolean supported(long count, double p) {
        if (p >= 100) {
            return false;
        }
        return count >= Math.ceil(100.0 / (100.0 - p) - 1e-9);
    }

    /** The smallest sample count that supports percentile {@code p}. */
    public static long samplesNeeded(double p) {
        return (long) Math.ceil(100.0 / (100.0 - p) - 1e-9);
    }
}
