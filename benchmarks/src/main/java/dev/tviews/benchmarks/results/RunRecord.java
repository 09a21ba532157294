package dev.tviews.benchmarks.results;

import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunStatus;
import dev.tviews.reports.model.Summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run planned and what it has done so far, kept in summary.json's status: {@code running} with the plan
 * from the start, {@code complete} or {@code incomplete} (with what is missing) at the end, and
 * {@code incomplete} when it is stopped ({@link #stop}), after which nothing else is written.
 */
public final class RunRecord {

    private final Path folder;
    private final List<String> planned;
    private final Set<String> done = new LinkedHashSet<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private Summary summary;
    private boolean stopped;
    private String activity;
    private static volatile RunRecord current;

    private RunRecord(Path folder, Summary summary, List<String> planned) {
        this.folder = folder;
        this.summary = summary;
        this.planned = List.copyOf(planned);
    }

    /** Writes summary.json with status {@code running} and the plan. */
    public static RunRecord start(Path folder, Summary summary, List<String> planned) throws IOException {
        RunRecord record = new RunRecord(folder, summary, planned);
        ResultsFolder.writeSummary(folder, summary.withStatus(RunStatus.running(planned)));
        current = record;
        return record;
    }

    /** The run this process is making, for a signal handler that must mark it incomplete. */
    public static java.util.Optional<RunRecord> current() {
        return java.util.Optional.ofNullable(current);
    }

    /** The part being run now, e.g. "load hand-written". */
    public synchronized void begin(String item) {
        activity = item;
    }

    public synchronized java.util.Optional<String> activity() {
        return java.util.Optional.ofNullable(activity);
    }

    public Path folder() {
        return folder;
    }

    public synchronized void done(String item) {
        done.add(item);
        activity = null;
    }

    public synchronized void failed(String item, String why) {
        failed.put(item, why);
    }

    /** The final summary (targets included): complete when every planned part is done and none failed. */
    public synchronized void finish(Summary finalSummary) throws IOException {
        if (stopped) {
            return;
        }
        summary = finalSummary;
        List<String> missing = missing();
        RunStatus status = missing.isEmpty() ? RunStatus.complete()
                : RunStatus.incomplete(failed.size() + " part(s) failed: " + String.join("; ", failed.values()), missing);
        ResultsFolder.writeSummary(folder, summary.withStatus(status));
    }

    /** Marks the run incomplete for {@code reason}; later calls of {@link #finish} change nothing. */
    public synchronized void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            ResultsFolder.writeSummary(folder, summary.withStatus(RunStatus.incomplete(reason, missing())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not mark " + folder.resolve(ResultsFolder.SUMMARY) + " incomplete", e);
        }
    }

    /** "2 of 5 parts done". */
    public synchronized String progress() {
        return done.size() + " of " + planned.size() + " part(s) done";
    }

    private List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String item : planned) {
            if (!done.contains(item) || failed.containsKey(item)) {
                missing.add(item);
            }
        }
        failed.keySet().stream().filter(k -> !planned.contains(k)).forEach(missing::add);
        return missing;
    }
}
