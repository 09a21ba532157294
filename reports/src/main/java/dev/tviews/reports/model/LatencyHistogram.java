package dev.tviews.reports.model;

import org.HdrHistogram.Histogram;

/**
 * The latencies of one operation under one strategy, all intervals of its
 * {@code histograms/<strategy>/<operation>.hlog} added together. Values are nanoseconds.
 * The histogram is the caller's to read, not to change.
 */
public record LatencyHistogram(String strategy, String operation, Histogram histogram) {
}
