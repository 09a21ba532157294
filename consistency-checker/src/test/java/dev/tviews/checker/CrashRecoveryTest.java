package dev.tviews.checker;

import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.database.LocalResources;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.scenarios.BundledScenarios;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash in the middle of an 8-writer load: every PostgreSQL process is killed with SIGKILL while
 * writers commit, the server restarts on the same data directory (crash recovery), and every read
 * model equals its definition again — in statement mode, row mode and with batching, each in a
 * database of its own on the same server. A refresh is part of its writer's transaction, so
 * recovery keeps both or neither; the runtime's unlogged tables (statistics, flush requests) come
 * back empty, and the engine keeps maintaining afterwards.
 */
class CrashRecoveryTest {

    private static final List<String> ENGINES = List.of("tviews-statement", "tviews-row", "tviews-statement-batched");
    private static final int WRITERS = 8;

    @Test
    void sigkillDuringAnEightWriterLoadLeavesEveryReadModelExactAfterRecovery() throws Exception {
        Path dir = Files.createTempDirectory("tviews-crash-");
        int port = LocalResources.freePort();
        EmbeddedPostgres first = start(dir, port);
        EmbeddedPostgres second = null;
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        try (PostgresServer server = PostgresServers.open(PostgresOptions.external(url));
             ScenarioTemplates templates = new ScenarioTemplates(server, true)) {
            List<CheckSession> sessions = new ArrayList<>();
            try {
                for (String engine : ENGINES) {
                    sessions.add(CheckSession.open(templates, new CheckTarget("ecommerce", BundledScenarios.load("ecommerce"),
                            "tiny", engine)));
                }
                AtomicLong committed = new AtomicLong();
                runUntilKilled(sessions, first, dir, committed);
                assertThat(committed.get()).as("transactions committed before the crash").isGreaterThan(20);

                second = start(dir, port);
                for (CheckSession s : sessions) {
                    try (Connection c = s.database().connect()) {
                        OracleReport report = s.oracle().check(c);
                        assertThat(report.fresh()).as("%s after crash recovery: %s", s.engine().name(), report.describe()).isTrue();
                        assertThat(count(c, "SELECT count(*) FROM tviews.flush_request")).as("flush requests").isZero();
                        assertThat(count(c, "SELECT count(*) FROM tviews.stats")).as("unlogged statistics").isZero();
                        assertThat(count(c, "SELECT count(*) FROM pg_tviews_health_check() WHERE status <> 'ok'"))
                                .as("health check problems").isZero();
                        // The engine maintains on after recovery, batching included.
                        try (Statement st = c.createStatement()) {
                            st.execute(EcommerceWriters.WRITES.get(0));
                            st.execute(EcommerceWriters.WRITES.get(4));
                        }
                        OracleReport after = s.oracle().check(c);
                        assertThat(after.fresh()).as("%s, writing after recovery: %s", s.engine().name(), after.describe()).isTrue();
                    }
                }
            } finally {
                for (CheckSession s : sessions) {
                    try {
                        s.close();
                    } catch (RuntimeException e) {
                        // its database goes with the data directory
                    }
                }
            }
        } finally {
            if (second != null) {
                second.close();
            }
            LocalResources.deleteTree(dir);
        }
    }

    private static void runUntilKilled(List<CheckSession> sessions, EmbeddedPostgres server, Path dir, AtomicLong committed)
            throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            CheckSession target = sessions.get(w % sessions.size());
            SplittableRandom random = new SplittableRandom(1000 + w);
            pool.submit(() -> EcommerceWriters.write(target, random, crashed, committed));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (committed.get() < 150 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        crashed.set(true);
        killEveryProcess(dir);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("writers stop once the server is gone").isTrue();
        // Releases the data directory's lock; stopping a dead server only logs an error.
        server.close();
    }

    /** SIGKILL for the postmaster and every process it started, as a machine losing power would leave them. */
    private static void killEveryProcess(Path dir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static EmbeddedPostgres start(Path dir, int port) throws IOException {
        // Not cleaned: the second start must find the first one's data; the test deletes the directory.
        return EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("unix_socket_directories", dir.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "localhost").setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
