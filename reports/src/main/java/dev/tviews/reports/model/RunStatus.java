package dev.tviews.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Whether a run finished: written into summary.json when the run starts ({@code running}), and again when it
 * ends ({@code complete}) or stops early ({@code incomplete}, with why and what is missing). A folder whose
 * summary still says {@code running} was left by a process that was killed outright; the report calls it
 * incomplete too.
 *
 * @param state   {@link #RUNNING}, {@link #COMPLETE} or {@link #INCOMPLETE}
 * @param reason  for an incomplete run: what stopped it, e.g. "interrupted by SIGINT during load hand-written"
 * @param missing for an incomplete run: the parts of the plan that have no results, e.g. "load hand-written"
 */
public record RunStatus(String state, String reason, List<String> missing) {
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";

    public RunStatus {
        missing = Copies.list(missing);
    }

    public static RunStatus running(List<String> planned) {
        return new RunStatus(RUNNING, null, planned);
    }

    public static RunStatus complete() {
        return new RunStatus(COMPLETE, null, List.of());
    }

    public static RunStatus incomplete(String reason, List<String> missing) {
        return new RunStatus(INCOMPLETE, reason, missing);
    }

    /** Whether a reader must be told that results are missing: stopped early, or never finished. */
    @JsonIgnore
    public boolean isIncomplete() {
        return !COMPLETE.equals(state);
    }
}
