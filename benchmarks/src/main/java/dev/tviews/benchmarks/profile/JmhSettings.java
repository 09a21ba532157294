package dev.tviews.benchmarks.profile;

import java.time.Duration;

/** JMH's iteration settings for a profile: forks, warm-up and measurement iterations and their length. */
public record JmhSettings(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
                          Duration measurementTime) {

    public JmhSettings {
        if (measurementIterations < 3) {
            // JMH 1.37 reports no score error below 3 measurement iterations ("NaN"), and a comparison cannot judge it.
            throw new IllegalArgumentException("Use at least 3 measurement iterations, not " + measurementIterations);
        }
    }

    public JmhSettings withMeasurementIterations(int n) {
        return new JmhSettings(forks, warmupIterations, warmupTime, n, measurementTime);
    }

    /** The same settings as JMH command-line options. */
    public String asOptions() {
        return "-f " + forks + " -wi " + warmupIterations + " -w " + seconds(warmupTime) + " -i " + measurementIterations
                + " -r " + seconds(measurementTime);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
