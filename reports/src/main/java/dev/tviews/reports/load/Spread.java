package dev.tviews.reports.load;

import java.util.List;

/**
 * One measure over the repetitions of a strategy: its median and its range.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min    the smallest value
 * @param max    the largest value
 * @param count  how many runs measured it
 */
public record Spread(double median, double min, double max, int count) {

    /** Empty when no value is given. */
    static java.util.Optional<Spread> of(List<Double> values) {
        if (values.isEmpty()) {
            return java.util.Optional.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return java.util.Optional.of(new Spread(median, sorted[0], sorted[n - 1], n));
    }

    /** Whether it comes from more than one run, so a range is worth showing. */
    public boolean repeated() {
        return count > 1;
    }

    /** The range as a share of the median: how much the runs disagreed. */
    public double relativeRange() {
        return median == 0 ? 0 : (max - min) / median;
    }

}
