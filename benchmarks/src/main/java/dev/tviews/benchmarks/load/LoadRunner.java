package dev.tviews.benchmarks.load;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.scenarios.engine.PgIvmReadModels;
import dev.tviews.database.PostgresServer;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ReplicationRun;
import dev.tviews.database.Replicas;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.RunResult;
import dev.tviews.scenarios.workload.WorkloadRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * A load run on the scenarios' workload runner: loads the scenario (once per server, as a template),
 * clones it, creates the strategy's read models, runs a warm-up, then the measured run with latency
 * histograms and throughput per second, measures the WAL written (write amplification), checks every
 * read model against its definition after all clients committed, and writes {@code load/<label>.json}.
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    /** What one run measured, with the workload runner's own account of it. */
    public record Outcome(LoadRun run, RunResult result, List<Freshness.StaleRow> stale,
                          java.util.Optional<ReplicationRun> replication) {
    }

    public static Outcome run(PostgresServer server, LoadSpec spec, Path results) throws SQLException, InterruptedException, IOException {
        return run(server, Replicas.none(server), spec, results);
    }

    /**
     * As {@link #run(PostgresServer, LoadSpec, Path)}, with {@code replicas} of the server: their visibility lag
     * is measured during the run ({@code replication/<label>.json}), and the scenario's reads, if included, go to
     * them while the writes go to the primary.
     */
    public static Outcome run(PostgresServer server, Replicas replicas, LoadSpec spec, Path results)
            throws SQLException, InterruptedException, IOException {
        String template = Datasets.scenario(server, spec.scenario(), spec.scale());
        String database = Datasets.PREFIX + "load_" + ProcessHandle.current().pid() + "_" + spec.fileKey().replaceAll("[^A-Za-z0-9]", "_");
        try (Connection admin = server.connect()) {
            Datasets.copy(admin, template, database);
        }
        try {
            return runIn(server, replicas, database, spec, results);
        } finally {
            try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            }
        }
    }

    private static Outcome runIn(PostgresServer server, Replicas replicas, String database, LoadSpec spec, Path results)
            throws SQLException, InterruptedException, IOException {
        ReadModelEngine engine = ReadModelEngines.byName(spec.strategy());
        Scenario scenario = spec.uniformKeys() ? UniformKeys.of(spec.scenario()) : spec.scenario();
        try (Connection c = server.connect(database)) {
            engine.create(c, scenario.tviews());
        }
        // The replicas must have the new database before anything connects to it there.
        replicas.awaitReplay(java.time.Duration.ofSeconds(60));
        List<HikariDataSource> replicaPools = new java.util.ArrayList<>();
        try {
            boolean readsOnReplicas = spec.includeReads() && !replicas.isEmpty();
            if (readsOnReplicas) {
                for (PostgresServer replica : replicas.servers()) {
                    replicaPools.add(ConnectionPools.hikari(replica.jdbcUrl(database), replica.connectionProperties(),
                            Math.max(1, spec.clients() / replicas.servers().size() + 1)));
                }
            }
            return measure(server, replicas, readsOnReplicas ? new RoundRobinDataSource(replicaPools) : null, database,
                    engine, scenario, spec, results);
        } finally {
            replicaPools.forEach(HikariDataSource::close);
        }
    }

    private static Outcome measure(PostgresServer server, Replicas replicas, javax.sql.DataSource reads, String database,
                                   ReadModelEngine engine, Scenario scenario, LoadSpec spec, Path results)
            throws SQLException, InterruptedException, IOException {
        RunOptions options = RunOptions.defaults().connections(spec.clients()).transactions(0).seed(spec.seed())
                .arrivalRate(spec.rate()).includeReads(spec.includeReads()).progress(true);
        RunResult result;
        LatencyRecorder recorder = new LatencyRecorder(results, spec.fileKey());
        long walBytes;
        double seconds;
        LockWaitSampler.Result waits;
        long serverDeadlocks;
        ReplicationRun replication = null;
        try (LockWaitSampler sampler = LockWaitSampler.open(server, database)) {
            try (HikariDataSource pool = ConnectionPools.hikari(server.jdbcUrl(database), server.connectionProperties(), spec.clients())) {
                WorkloadRunner runner = new WorkloadRunner(scenario, pool, reads != null ? reads : pool, engine);
                if (!spec.warmup().isZero()) {
                    System.err.printf(Locale.ROOT, "warm-up %.1f s%n", spec.warmup().toMillis() / 1000.0);
                    runner.run(options.duration(spec.warmup()).seed(spec.seed() + 1));
                }
                String walStart = walPosition(server, database);
                long deadlocksBefore = sampler.deadlocks();
                sampler.start();
                ReplicationProbe probe = replicas.isEmpty() ? null : ReplicationProbe.start(server, replicas, database);
                recorder.start();
                try {
                    result = runner.run(options.duration(spec.duration()), recorder);
                } finally {
                    seconds = recorder.stop();
                    recorder.close();
                    waits = sampler.stop();
                    if (probe != null) {
                        probe.close();
                    }
                }
                if (probe != null) {
                    replication = probe.finish(spec.fileKey(), reads != null);
                    ResultsFolder.writeReplication(results, replication, probe.lag());
                }
                walBytes = walSince(server, database, walStart);
                // The pool closes next: its backends report their last counts when they exit.
                serverDeadlocks = -deadlocksBefore;
            }
            sampler.awaitOtherBackendsGone();
            serverDeadlocks += sampler.deadlocks();
        }
        List<Freshness.StaleRow> stale;
        try (Connection c = server.connect(database)) {
            stale = engine.name().equals("none") ? List.of() : Freshness.check(c, scenario.tviews());
        }
        List<LoadRun.ThroughputSample> throughput = recorder.throughput();
        LoadRun run = new LoadRun(spec.label(), scenario.name(), spec.clients(), seconds, throughput,
                result.committed() + result.failed(), result.failed(), recorder.writes(), walBytes,
                engine.name().equals("none") ? null : (long) stale.size(), recorder.totals(),
                LoadRun.worstFullSecond(throughput).isPresent() ? LoadRun.worstFullSecond(throughput).getAsDouble() : null,
                new LoadRun.Contention(recorder.deadlocks(), recorder.serializationFailures(), serverDeadlocks,
                        waits.waitSeconds(), waits.share(), waits.maxWaiting(), LockWaitSampler.SAMPLE_MILLIS),
                spec.repetition());
        ResultsFolder.writeLoadRun(results, run);
        return new Outcome(run, result, stale, java.util.Optional.ofNullable(replication));
    }

    /** The server's WAL insert position; WAL is server-wide, so the run should be the only writer. */
    private static String walPosition(PostgresServer server, String database) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long walSince(PostgresServer server, String database, String start) throws SQLException {
        try (Connection c = server.connect(database);
             PreparedStatement ps = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
            ps.setString(1, start);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
