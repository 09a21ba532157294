package dev.tviews.reports.compare;

import dev.tviews.reports.model.Environment;

import java.util.List;
import java.util.Optional;

/**
 * A baseline run and a new run, benchmark by benchmark.
 *
 * @param baselineName the baseline results folder's name
 * @param currentName  the new results folder's name
 * @param baselineEnvironment where the baseline ran, when recorded
 * @param currentEnvironment  where the new run ran, when recorded
 * @param changes      every benchmark of either run: regressions first, worst first
 */
public record Comparison(String baselineName, String currentName, Optional<Environment> baselineEnvironment,
                         Optional<Environment> currentEnvironment, List<BenchmarkChange> changes) {

    public Comparison {
        changes = List.copyOf(changes);
    }

    public List<BenchmarkChange> regressions() {
        return withStatus(ChangeStatus.REGRESSED);
    }

    public boolean hasRegressions() {
        return !regressions().isEmpty();
    }

    public List<BenchmarkChange> withStatus(ChangeStatus status) {
        return changes.stream().filter(c -> c.status() == status).toList();
    }
}
