package dev.tviews.benchmarks.jmh.support;

/** A read model differs from its definition: the benchmark stops rather than time a broken strategy. */
public final class StaleReadModelException extends IllegalStateException {

    public StaleReadModelException(String message) {
        super(message);
    }
}
