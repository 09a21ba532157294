package dev.tviews.reports.charts;

import java.util.Collection;

/** The time unit a chart's y axis is drawn in, chosen so the values read as ordinary numbers. */
record TimeAxis(String unit, double perMillisecond) {

    static TimeAxis forMillis(Collection<Double> valuesMs) {
        double max = valuesMs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double min = valuesMs.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        if (max < 1) {
            return new TimeAxis("µs", 1000);
        }
        if (min >= 1000) {
            return new TimeAxis("s", 0.001);
        }
        return new TimeAxis("ms", 1);
    }

    double fromMillis(double ms) {
        return ms * perMillisecond;
    }
}
