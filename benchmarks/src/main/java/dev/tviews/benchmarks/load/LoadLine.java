package dev.tviews.benchmarks.load;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ReplicationRun;

import java.util.Locale;

/** The one-line console account of a load run: throughput, its worst second, conflicts, lock waits, staleness. */
public final class LoadLine {

    private LoadLine() {
    }

    public static String of(String label, LoadRunner.Outcome outcome) {
        LoadRun run = outcome.run();
        LoadRun.Contention c = run.contention();
        String contention = c == null ? "" : String.format(Locale.ROOT,
                ", %,d deadlocks (40P01, %,d seen by the server), %,d serialization failures, lock waits %.1f s (%.0f%% of the run)",
                c.deadlocks(), c.serverDeadlocks(), c.serializationFailures(), c.lockWaitSeconds(), 100 * c.lockWaitShare());
        return String.format(Locale.ROOT, "%s: %,.0f tx/s (worst second %s), %,d errors%s, %,.0f WAL bytes per write, %s",
                label, run.meanThroughput().orElse(0),
                run.worstSecond() == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", run.worstSecond()),
                outcome.result().failed(), contention, run.walBytesPerWrite().orElse(0),
                run.staleRowsAtEnd() == null ? "no read models" : run.staleRowsAtEnd() + " stale rows");
    }

    /** "  replicas (1): visibility lag p50 1.2 ms, p99 8.0 ms, max 12.1 ms over 400 samples, …". */
    public static String replication(ReplicationRun r) {
        if (r.lagSamples() == null || r.lagSamples() == 0) {
            return String.format(Locale.ROOT, "  replicas (%d): no lag sample taken", r.replicas());
        }
        return String.format(Locale.ROOT, "  replicas (%d): visibility lag p50 %.1f ms, p99 %.1f ms, max %.1f ms over %,d "
                        + "samples; at most %,d WAL bytes behind; %,d standby query conflicts%s",
                r.replicas(), r.lagP50Millis(), r.lagP99Millis(), r.lagMaxMillis(), r.lagSamples(), r.maxLagBytes(),
                r.conflicts(), Boolean.TRUE.equals(r.readsOnReplicas()) ? "; the reads ran there" : "");
    }
}
