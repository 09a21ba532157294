package dev.tviews.checker.run;

/** Told after every transaction of a run; the command line prints a progress line from it now and then. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = p -> { };

    /** Counts so far. */
    record Progress(long transactions, long statements, long checks, long failures, long elapsedNanos) {
    }

    void progress(Progress progress);
}
