package dev.tviews.scenarios.workload;

/**
 * How one operation ended.
 *
 * @param retries  how many times it was retried after a serialization failure or deadlock
 * @param errorKind for failures: the SQLSTATE (e.g. {@code 23503}), or {@code no-key} when no key
 *                  could be drawn, or {@code scenario} for a mistake in the scenario found at run time
 * @param message  for failures: the first line of the error
 */
public record Outcome(Status status, int retries, String errorKind, String message) {

    public enum Status { COMMITTED, FAILED }

    public static Outcome committed(int retries) {
        return new Outcome(Status.COMMITTED, retries, null, null);
    }

    public static Outcome failed(int retries, String errorKind, String message) {
        return new Outcome(Status.FAILED, retries, errorKind, message);
    }

    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }
}
