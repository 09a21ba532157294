package dev.tviews.reports.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from one results folder. Parts the run did not produce are empty, never null,
 * so the report can say "not measured in this run" for them.
 *
 * @param folder    the results folder
 * @param summary   summary.json, when present
 * @param jmh       jmh.json, in file order
 * @param loadRuns  load/*.json, by strategy name
 * @param latencies histograms/*&#47;*.hlog, by strategy then operation
 * @param checker   checker/summary.json, when present
 * @param replication replication/*.json, by strategy: load runs with replicas
 * @param replicaLag  replication/*.hlog, the replicas' commit-to-visible lag per strategy
 * @param notes     things a reader of the report should know about the inputs (e.g. an empty histogram log)
 */
public record RunResults(Path folder, Optional<Summary> summary, List<JmhResult> jmh, List<LoadRun> loadRuns,
                         List<LatencyHistogram> latencies, Optional<CheckerSummary> checker,
                         List<ReplicationRun> replication, List<LatencyHistogram> replicaLag, List<String> notes) {

    public RunResults {
        jmh = List.copyOf(jmh);
        loadRuns = List.copyOf(loadRuns);
        latencies = List.copyOf(latencies);
        replication = List.copyOf(replication);
        replicaLag = List.copyOf(replicaLag);
        notes = List.copyOf(notes);
    }

    /** A folder of {@code load} alone: load runs, no JMH results, no consistency stage, no targets. */
    public boolean loadOnly() {
        return !loadRuns.isEmpty() && jmh.isEmpty() && checker.isEmpty()
                && summary.map(s -> s.targets().isEmpty()).orElse(true);
    }

    public Optional<Environment> environment() {
        return summary.map(Summary::environment);
    }
}
