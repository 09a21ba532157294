package dev.tviews.benchmarks.profile;

import java.util.Locale;

/**
 * How far a profile run is: items done of all, elapsed time and an estimate of the time left, from the
 * mean time of an item so far (JMH trials and load runs weighted by their expected length).
 */
final class Progress {

    private final long startNanos = System.nanoTime();
    private final double totalWeight;
    private int items;
    private final int totalItems;
    private double doneWeight;
    private double currentWeight;

    Progress(int totalItems, double totalWeight) {
        this.totalItems = totalItems;
        this.totalWeight = totalWeight;
    }

    /** Starts the next item of the given expected weight (seconds); returns the line prefix to print. */
    synchronized String startItem(double weight) {
        items++;
        currentWeight = weight;
        return prefix();
    }

    synchronized String startItem() {
        return startItem(1);
    }

    synchronized void endItem() {
        doneWeight += currentWeight;
        currentWeight = 0;
    }

    private String prefix() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String eta = doneWeight == 0 ? "?" : clock(Math.max(0, (totalWeight - doneWeight) * elapsed / doneWeight));
        return String.format(Locale.ROOT, "[%d/%d  %s elapsed, ~%s left]", items, totalItems, clock(elapsed), eta);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
