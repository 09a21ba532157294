package dev.tviews.scenarios.engine;

/** A strategy cannot run on this server or for this definition; the message says why, so it can be skipped with a reason. */
public final class UnavailableStrategyException extends IllegalStateException {

    private final String strategy;

    public UnavailableStrategyException(String strategy, String reason) {
        super("strategy " + strategy + " cannot run here: " + reason);
        this.strategy = strategy;
    }

    public String strategy() {
        return strategy;
    }
}
