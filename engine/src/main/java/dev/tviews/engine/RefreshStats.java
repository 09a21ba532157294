package dev.tviews.engine;

/** What the engine did for one TVIEW in the current transaction. */
public record RefreshStats(String tview, long refreshes, long keysRefreshed, long rowsWritten, long rowsUnchanged,
                           long rowsDeleted, long fullRefreshes) {
}
