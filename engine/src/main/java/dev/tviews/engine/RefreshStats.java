package dev.tviews.engine;

/**
 * What the engine did for one TVIEW in the current transaction, and what it still has queued
 * (batching): keys queued are refreshed just before commit.
 */
public record RefreshStats(String tview, long refreshes, long keysRefreshed, long rowsWritten, long rowsUnchanged,
                           long rowsDeleted, long fullRefreshes, double refreshMillis, long queuedKeys) {
}
