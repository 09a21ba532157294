package dev.tviews.checker.cli;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.database.pooler.PgBouncer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine behind a transaction-mode connection pooler (PgBouncer, as Supabase, Neon and most
 * set-ups run it): consecutive transactions of one client land on different server sessions, and
 * one server session serves many clients, so session settings (plan-cache flags, statistics
 * waiting for the next transaction) travel between clients. The checker's random workload runs
 * through it in every mode, and the concurrency checker with more clients than server sessions.
 * Skipped, with the reason, where PgBouncer is not installed ({@code apt-get install pgbouncer}).
 */
@ExtendWith(PostgresExtension.class)
class TransactionPoolerTest {

    private static PgBouncer bouncer;

    @BeforeAll
    static void startPgBouncer(PostgresServer server) {
        Optional<Path> binary = PgBouncer.find();
        Assumptions.assumeTrue(binary.isPresent(), "PgBouncer is not installed (apt-get install pgbouncer, or set "
                + "TVIEWS_PGBOUNCER to its binary): the transaction-pooling tests are skipped");
        URI uri = URI.create(server.jdbcUrl(server.maintenanceDatabase()).substring("jdbc:".length()));
        bouncer = PgBouncer.start(binary.get(), uri.getHost(), uri.getPort(),
                server.connectionProperties().getProperty("user"), 2);
    }

    @AfterAll
    static void stopPgBouncer() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    private static CliTests.Run check(String... args) {
        return CliTests.check(bouncer.jdbcUrl("postgres"), args);
    }

    /** {@code check --pooler pgbouncer} starts a PgBouncer of its own in front of the server (statement mode here). */
    @Test
    void thePoolerOptionRunsTheCheckThroughAPgBouncerOfItsOwn(PostgresServer server) {
        CliTests.Run r = CliTests.check(server, "--pooler", "pgbouncer", "--scenario", "ecommerce", "--engine",
                "tviews-statement", "--seed", "12", "--transactions", "30");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("on PgBouncer (transaction pooling, 2 server sessions")
                .contains("tviews-statement, seed 12: 30 transactions").contains("0 failures");
        assertThat(CliTests.check(server, "--pooler", "odyssey", "--scenario", "ecommerce").err())
                .contains("--pooler is pgbouncer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tviews-row", "tviews-statement-batched"})
    void theRandomWorkloadStaysExactThroughThePooler(String engine) {
        CliTests.Run r = check("--scenario", "ecommerce", "--engine", engine, "--seed", "12", "--transactions", "30");
        assertThat(r.exit()).as(r.all() + "\n" + bouncer.log()).isZero();
        assertThat(r.out()).contains(engine + ", seed 12: 30 transactions").contains("0 failures");
    }

    @Test
    void concurrentClientsOutnumberingTheServerSessionsStayExact() {
        CliTests.Run r = check("--scenario", "social", "--sessions", "4", "--isolation", "read-committed", "--seed", "3",
                "--duration", "3s");
        assertThat(r.exit()).as(r.all() + "\n" + bouncer.log()).isZero();
        assertThat(r.out()).contains("0 failures");
    }

    /**
     * Statistics waiting in one server session are recorded by whichever client's transaction runs
     * there next: per TVIEW the totals stay right, whichever client asks.
     */
    @Test
    void queueStatisticsCountEveryClientsRefreshes(PostgresServer server) throws Exception {
        String db = "pooler_stats";
        try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db);
        }
        try {
            try (Connection c = server.connect(db); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE tb_item (pk_item int PRIMARY KEY, name text NOT NULL)");
                st.execute("INSERT INTO tb_item SELECT g, 'item ' || g FROM generate_series(1, 20) g");
                dev.tviews.engine.Tviews tviews = dev.tviews.engine.Tviews.on(c);
                tviews.install();
                tviews.create(new dev.tviews.engine.TviewDefinition("tv_item",
                        "SELECT i.pk_item, jsonb_build_object('name', i.name) AS data FROM tb_item i",
                        dev.tviews.engine.TviewOptions.defaults()));
                st.execute("SELECT pg_tviews_reset_stats()");
            }
            int clients = 5;
            int updatesEach = 6;
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    open.add(DriverManager.getConnection(bouncer.jdbcUrl(db)));
                }
                for (int round = 0; round < updatesEach; round++) {
                    for (int i = 0; i < clients; i++) {
                        try (Statement st = open.get(i).createStatement()) {
                            st.execute("UPDATE tb_item SET name = name || '.' WHERE pk_item = " + (1 + i));
                        }
                    }
                }
                // Any transaction records what its server session still holds; then one client asks.
                for (Connection c : open) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT 1");
                    }
                }
                try (Statement st = open.get(0).createStatement();
                     ResultSet rs = st.executeQuery("SELECT (pg_tviews_queue_stats() -> 'tviews' -> 'tv_item' ->> 'refreshes')::bigint")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("refreshes of tv_item counted over all clients and server sessions")
                            .isEqualTo((long) clients * updatesEach);
                }
                try (Statement st = open.get(1).createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM tb_item i JOIN tv_item t USING (pk_item) "
                             + "WHERE t.data ->> 'name' IS DISTINCT FROM i.name")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("stale rows").isZero();
                }
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        } finally {
            try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }
}
