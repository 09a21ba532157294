package dev.tviews.checker.oracle;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The oracle's verdict on every read model it checked, at one moment (one snapshot per read model). */
public record OracleReport(List<TargetReport> targets, Duration elapsed) {

    public OracleReport {
        targets = List.copyOf(targets);
    }

    public boolean fresh() {
        return targets.stream().allMatch(TargetReport::fresh);
    }

    public long missing() {
        return targets.stream().mapToLong(TargetReport::missing).sum();
    }

    public long extra() {
        return targets.stream().mapToLong(TargetReport::extra).sum();
    }

    public long differing() {
        return targets.stream().mapToLong(TargetReport::differing).sum();
    }

    /** The stale read models with their examples, or a line saying all are fresh. */
    public String describe() {
        if (fresh()) {
            return "all " + targets.size() + " read models are fresh (" + elapsed.toMillis() + " ms)";
        }
        return targets.stream().filter(t -> !t.fresh()).map(TargetReport::describe).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return describe();
    }
}
