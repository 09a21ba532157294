package dev.tviews.reports.model;

/**
 * {@code replication/<strategy>.json}: what the read replicas of one load run showed. The visibility lag is
 * the time from a position in the primary's WAL (taken right after commits) until a replica has replayed it; a
 * TVIEW's rows are written in the transaction of their sources, so this is also when the new tv rows become
 * visible there.
 *
 * @param strategy        the load run's strategy (its file name)
 * @param replicas        replicas read
 * @param readsOnReplicas whether the scenario's reads went to the replicas
 * @param lagSamples      visibility-lag samples taken
 * @param lagP50Millis    median visibility lag
 * @param lagP99Millis    99th percentile
 * @param lagMaxMillis    largest
 * @param maxLagBytes     most WAL bytes a replica was behind in any sample
 * @param conflicts       hot-standby query cancellations in the run's database ({@code pg_stat_database_conflicts},
 *                        all kinds, summed over the replicas)
 */
public record ReplicationRun(String strategy, Integer replicas, Boolean readsOnReplicas, Long lagSamples,
                             Double lagP50Millis, Double lagP99Millis, Double lagMaxMillis, Long maxLagBytes,
                             Long conflicts) {
}
