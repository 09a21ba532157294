package dev.tviews.benchmarks.jmh.support;

import java.util.Locale;

/** Lines on stderr for the untimed preparation of a trial, which is where a slow profile loses its minutes. */
public final class Timing {

    /** System property: {@code false} silences these lines. */
    public static final String PROPERTY = "tviews.bench.timing";

    private Timing() {
    }

    public static void log(String what, long startNanos) {
        if (!"false".equals(System.getProperty(PROPERTY))) {
            System.err.printf(Locale.ROOT, "  [setup] %s in %.2f s%n", what, (System.nanoTime() - startNanos) / 1e9);
        }
    }
}
