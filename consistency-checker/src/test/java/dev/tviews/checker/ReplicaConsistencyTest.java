package dev.tviews.checker;

import dev.tviews.checker.cli.CliTests;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.replica.ReplicaOracle;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.database.EmbeddedStandby;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.database.Replicas;
import dev.tviews.scenarios.BundledScenarios;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Read models on a streaming standby: since a TVIEW is written in the same transaction as its
 * sources, every snapshot the standby offers shows tv rows equal to their definitions over the
 * tb rows of that snapshot — checked every few milliseconds while writers run on the primary, in
 * statement mode, row mode and with batching. An engine broken on the primary is caught on the
 * standby too; the monitoring functions answer there, read-only.
 */
class ReplicaConsistencyTest {

    private static final List<String> ENGINES = List.of("tviews-statement", "tviews-row", "tviews-statement-batched");

    @Test
    void everySnapshotOfTheStandbyIsExactWhileWritersRunAndABrokenEngineIsCaughtThere() throws Exception {
        try (PostgresServer primary = PostgresServers.open(PostgresOptions.embedded(PostgresOptions.DEFAULT_MAJOR));
             ScenarioTemplates templates = new ScenarioTemplates(primary, true)) {
            List<CheckSession> sessions = new ArrayList<>();
            try {
                for (String engine : ENGINES) {
                    sessions.add(session(templates, engine));
                }
                CheckSession broken = session(templates, "broken-truncate");
                sessions.add(broken);
                try (EmbeddedStandby standby = EmbeddedStandby.of(primary)) {
                    List<CheckSession> correct = sessions.subList(0, ENGINES.size());
                    long checks = checkWhileWriting(standby, correct);
                    assertThat(checks).as("snapshots checked on the standby").isGreaterThanOrEqualTo(3L * ENGINES.size());

                    for (CheckSession s : correct) {
                        try (Connection c = standby.connect(s.database().name()); Statement st = c.createStatement()) {
                            assertThat(scalar(st, "SELECT pg_tviews_queue_stats() ->> 'queue_size'")).isEqualTo("0");
                            assertThat(scalar(st, "SELECT count(*)::text FROM pg_tviews_debug_queue()")).isEqualTo("2");
                            assertThat(scalar(st, "SELECT string_agg(DISTINCT status, ',') FROM pg_tviews_health_check()"))
                                    .isEqualTo("ok");
                            assertThat(scalar(st, "SELECT pg_tviews_queue_stats() ->> 'standby'")).isEqualTo("true");
                            assertThatThrownBy(() -> st.execute("SELECT pg_tviews_reset_stats()"))
                                    .hasMessageContaining("run it on the primary");
                        }
                    }

                    // The command line does the same for any scenario: here against this test's primary and standby.
                    CliTests.Run run = CliTests.check(CliTests.urlOf(primary), "--scenario", "social", "--scale", "tiny",
                            "--transactions", "40", "--seed", "5", "--replica-jdbc-url", CliTests.urlOf(standby));
                    assertThat(run.exit()).as(run.all()).isZero();
                    assertThat(run.out()).containsPattern("replicas: [1-9][0-9]* snapshot\\(s\\) checked on 1 replica\\(s\\), 0 differences");

                    try (Connection c = broken.database().connect(); Statement st = c.createStatement()) {
                        st.execute("TRUNCATE tb_review");
                    }
                    standby.awaitReplay(Duration.ofSeconds(30));
                    try (Connection c = standby.connect(broken.database().name())) {
                        OracleReport report = broken.oracle().check(c);
                        assertThat(report.fresh()).as("reviews truncated on the primary are still in tv_product, on the standby too")
                                .isFalse();
                    }
                    try (Replicas given = Replicas.open(primary, 1, Optional.of(CliTests.urlOf(standby)))) {
                        ReplicaOracle.Result result = ReplicaOracle.start(given, broken.database().name(), broken.oracle(),
                                Duration.ofMillis(50)).finish(Duration.ofSeconds(30));
                        assertThat(result.passed()).as(result.summary()).isFalse();
                        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("tv_product"));
                    }
                }
            } finally {
                sessions.forEach(CheckSession::close);
            }
        }
    }

    private static CheckSession session(ScenarioTemplates templates, String engine) throws Exception {
        return CheckSession.open(templates, new CheckTarget("ecommerce", BundledScenarios.load("ecommerce"), "tiny", engine));
    }

    /** Four writers on the primary for two and a half seconds; meanwhile the oracle on the standby, each check in one snapshot. */
    private static long checkWhileWriting(EmbeddedStandby standby, List<CheckSession> sessions) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            CheckSession target = sessions.get(w % sessions.size());
            SplittableRandom random = new SplittableRandom(77 + w);
            writers.submit(() -> EcommerceWriters.write(target, random, stop, committed));
        }
        long checks = 0;
        List<Connection> readers = new ArrayList<>();
        try {
            for (CheckSession s : sessions) {
                Connection c = standby.connect(s.database().name());
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                readers.add(c);
            }
            long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < end || checks < 3L * sessions.size()) {
                for (int i = 0; i < sessions.size(); i++) {
                    Connection c = readers.get(i);
                    OracleReport report = sessions.get(i).oracle().check(c);
                    c.commit();
                    checks++;
                    assertThat(report.fresh()).as("%s on the standby after %d commits on the primary: %s",
                            sessions.get(i).engine().name(), committed.get(), report.describe()).isTrue();
                }
                Thread.sleep(50);
            }
        } finally {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Connection c : readers) {
                c.close();
            }
        }
        assertThat(committed.get()).as("transactions committed on the primary").isPositive();
        standby.awaitReplay(Duration.ofSeconds(30));
        for (int i = 0; i < sessions.size(); i++) {
            try (Connection c = standby.connect(sessions.get(i).database().name())) {
                assertThat(sessions.get(i).oracle().check(c).fresh()).as("after the last commit").isTrue();
            }
        }
        return checks;
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
