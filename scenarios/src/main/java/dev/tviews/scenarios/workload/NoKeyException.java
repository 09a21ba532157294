package dev.tviews.scenarios.workload;

/** No key could be drawn for a parameter: its table is empty, or every key tried was leased. */
public final class NoKeyException extends RuntimeException {
    public NoKeyException(String message) {
        super(message);
    }
}
