package dev.tviews.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tviews.benchmarks.jmh.launch.JmhLauncher;
import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.ProductWrites;
import dev.tviews.benchmarks.jmh.support.StaleReadModelException;
import dev.tviews.benchmarks.jmh.support.Workspace;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real JMH run, forked as the command line forks, on an embedded server; and the freshness guard. */
@ExtendWith(PostgresExtension.class)
class JmhSmokeTest {

    private static PostgresServer server;
    private static Path connectionFile;

    /** The test run's shared server (the extension stops it), handed to the JMH fork through a connection file. */
    @BeforeAll
    static void useServer(PostgresServer shared) {
        server = shared;
        BenchServer.use(server);
        connectionFile = BenchServer.handOff(server);
    }

    @AfterAll
    static void deleteConnectionFile() throws Exception {
        Files.deleteIfExists(connectionFile);
    }

    private static long tvUpdates(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_xact_user_tables WHERE relname = 'tv_product'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * singleRowDelete: a second of deletes at 1,000 products uses up many batches of spare products, so this
     * also shows that the per-invocation refill keeps the benchmark from running out (it would fail the run).
     */
    @Test
    void aForkedRunOfOneBenchmarkWritesAScoreWithAnError(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        var options = new OptionsBuilder()
                .include(RefreshBenchmark.class.getSimpleName() + ".singleRowDelete")
                .param("scale", "1000")
                .param("strategy", "tviews-statement")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(300))
                .jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=1")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true)
                .build();

        JmhLauncher.run(options, connectionFile, null);

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results).hasSize(1);
        JsonNode r = results.get(0);
        assertThat(r.get("benchmark").asText()).endsWith("RefreshBenchmark.singleRowDelete");
        assertThat(r.get("params").get("strategy").asText()).isEqualTo("tviews-statement");
        assertThat(r.get("primaryMetric").get("score").asDouble()).isPositive();
        assertThat(r.get("primaryMetric").get("scoreUnit").asText()).isEqualTo("ms/op");
        assertThat(r.get("primaryMetric").get("scoreError").asText()).isNotEqualTo("NaN");
        assertThat(r.get("jvmArgs").toString()).doesNotContain("jdbc:postgresql");
    }

    @Test
    void aStaleReadModelStopsTheTrialBeforeAnythingIsTimed() throws Exception {
        String data = Datasets.ecommerce(server, 1000);
        try (Workspace ws = Workspace.open(data, "hand-written", Definitions.ecommerce("tv_product"))) {
            // A write without the hand-written upsert: the read model is now stale for product 7.
            try (Statement st = ws.connection().createStatement()) {
                st.executeUpdate("UPDATE tb_product SET name = 'changed behind the read model''s back' WHERE pk_product = 7");
            }
            ws.connection().commit();
            assertThatThrownBy(() -> ws.requireFresh("in a test"))
                    .isInstanceOf(StaleReadModelException.class)
                    .hasMessageContaining("strategy hand-written in a test")
                    .hasMessageContaining("key 7");
        }
    }

    @Test
    void theHandWrittenUpsertKeepsTheReadModelFreshAndRewritesOnlyChangedRows() throws Exception {
        String data = Datasets.ecommerce(server, 1000);
        try (Workspace ws = Workspace.open(data, "hand-written", Definitions.ecommerce("tv_product"));
             ProductWrites writes = new ProductWrites(ws)) {
            writes.updatePrice(3, new BigDecimal("12.34"));
            writes.deleteProduct(writes.insertProduct(new java.util.SplittableRandom(1)));
            ws.commit();
            ws.requireFresh("after hand-written writes");
            Connection c = ws.connection();
            // Counters are read before and after: the view also holds the session's counts not yet flushed.
            long before = tvUpdates(c);
            writes.updatePrice(3, new BigDecimal("12.34"));
            assertThat(tvUpdates(c) - before).as("an unchanged row is not rewritten").isZero();
            writes.updatePrice(3, new BigDecimal("43.21"));
            assertThat(tvUpdates(c) - before).as("a changed row is").isEqualTo(1);
            c.rollback();
        }
    }
}
