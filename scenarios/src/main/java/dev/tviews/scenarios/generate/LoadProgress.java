package dev.tviews.scenarios.generate;

/** Hears how a data load goes; {@link #NONE} for tests, {@link ConsoleProgress} for people. */
public interface LoadProgress {

    LoadProgress NONE = new LoadProgress() {
    };

    /** A step that is not a table, e.g. "creating indexes". */
    default void phase(String description) {
    }

    default void tableStarted(String table, long rows) {
    }

    /** Called every few thousand rows with the running total for the table. */
    default void rowsWritten(String table, long rowsSoFar) {
    }

    default void tableFinished(String table, long rows, long nanos) {
    }

    default void finished(LoadReport report) {
    }
}
