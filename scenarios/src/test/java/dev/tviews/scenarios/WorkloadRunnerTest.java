package dev.tviews.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.engine.NoReadModels;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.workload.BoundOperation;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.Outcome;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.RunResult;
import dev.tviews.scenarios.workload.WorkloadListener;
import dev.tviews.scenarios.workload.WorkloadRunner;
import dev.tviews.scenarios.yaml.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class WorkloadRunnerTest {

    /** The shop scenario plus operations that fail on purpose and one hot row. */
    private static final String EXTRA_OPERATIONS = """
              - name: untagged
                weight: 1
                params:
                  item: { key: tb_item }
                sql: INSERT INTO tb_tag (fk_item, label) VALUES (:item, NULL)
              - name: bump_first
                weight: 1
                params:
                  item: { value: 1 }
                sql: UPDATE tb_item SET price = price + 1 WHERE pk_item = :item
            """;

    @TempDir
    Path dir;

    @Test
    void errorsAreCountedBySqlState(FreshDatabase db) throws Exception {
        Scenario scenario = loaded(db);
        RunResult result = run(db, scenario, RunOptions.defaults().connections(2).transactions(60).operations(Set.of("untagged", "reprice")));
        assertThat(result.committed() + result.failed()).isEqualTo(60);
        assertThat(result.byOperation().get("untagged").failed()).isPositive();
        assertThat(result.byOperation().get("untagged").committed()).isZero();
        assertThat(result.errorsByKind()).containsOnlyKeys("23502");
        assertThat(result.errorsByKind().get("23502")).isEqualTo(result.failed());
        assertThat(result.errorsByClass()).containsOnlyKeys("23 integrity constraint violation");
        assertThat(result.errorExamples().get("23502")).contains("untagged").contains("null value in column \"label\"");
    }

    @Test
    void serializationFailuresAreRetriedAndEveryCommitCounts(FreshDatabase db) throws Exception {
        Scenario scenario = loaded(db);
        long before = price(db);
        RunResult result = run(db, scenario, RunOptions.defaults().connections(4).transactions(120)
                .isolation(Connection.TRANSACTION_REPEATABLE_READ).maxRetries(50).operations(Set.of("bump_first")));
        assertThat(result.failed()).as(result.summary()).isZero();
        assertThat(result.retries()).as("4 writers on one row under REPEATABLE READ conflict").isPositive();
        assertThat(price(db) - before).as("each committed bump applied exactly once").isEqualTo(120);
    }

    @Test
    void fixedArrivalRateKeepsTheScheduleAndReportsIntendedStarts(FreshDatabase db) throws Exception {
        Scenario scenario = loaded(db);
        List<long[]> starts = Collections.synchronizedList(new ArrayList<>());
        WorkloadListener recorder = new WorkloadListener() {
            @Override
            public void onOperationEnd(Operation op, long intended, long actual, long end, Outcome outcome) {
                starts.add(new long[] {intended, actual, end});
            }
        };
        RunResult result = run(db, scenario, RunOptions.defaults().connections(2).transactions(40).arrivalRate(200)
                .operations(Set.of("reprice")), recorder);
        assertThat(result.committed()).isEqualTo(40);
        assertThat(starts).as("one end event per operation").hasSize(40);
        List<Long> intended = starts.stream().map(s -> s[0]).sorted().toList();
        assertThat(intended.get(39) - intended.get(0)).as("40 slots 5 ms apart span 195 ms of schedule")
                .isBetween(194_900_000L, 195_100_000L);
        for (int i = 1; i < intended.size(); i++) {
            assertThat(intended.get(i) - intended.get(i - 1)).as("5 ms between slots").isBetween(4_900_000L, 5_100_000L);
        }
        assertThat(starts).allSatisfy(s -> assertThat(s[1]).isGreaterThanOrEqualTo(s[0]).isLessThanOrEqualTo(s[2]));
    }

    @Test
    void aDurationEndsTheRun(FreshDatabase db) throws Exception {
        Scenario scenario = loaded(db);
        // Events, not a stopwatch: the run ends by itself, every operation that started ended, and
        // none started 400 ms or more after the first one (the runner's clock starts before it).
        List<long[]> operations = Collections.synchronizedList(new ArrayList<>());
        WorkloadListener recorder = new WorkloadListener() {
            @Override
            public void onOperationEnd(Operation op, long intended, long actual, long end, Outcome outcome) {
                operations.add(new long[] {actual, end});
            }
        };
        RunResult result = run(db, scenario, RunOptions.defaults().connections(2).transactions(0)
                .duration(Duration.ofMillis(400)), recorder);
        assertThat(result.committed()).isPositive();
        assertThat(operations).as("every operation started ended once").hasSize((int) (result.committed() + result.failed()));
        long deadline = operations.stream().mapToLong(o -> o[0]).min().orElseThrow() + Duration.ofMillis(400).toNanos();
        assertThat(operations).as("no operation starts after the deadline").allSatisfy(o -> assertThat(o[0]).isLessThan(deadline));
    }

    @Test
    void listenersSeeEveryTransactionAndReadTheirWritesBeforeCommit(FreshDatabase db) throws Exception {
        Scenario scenario = loaded(db);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        WorkloadListener listener = new WorkloadListener() {
            @Override
            public void beforeCommit(Connection c, BoundOperation op) throws SQLException {
                if (op.operation().name().equals("reprice")) {
                    try (var ps = c.prepareStatement("SELECT price FROM tb_item WHERE pk_item = ?")) {
                        ps.setLong(1, (Long) op.value("item").orElseThrow());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo((java.math.BigDecimal) op.value("price").orElseThrow());
                                checked.incrementAndGet();
                            }
                        }
                    }
                }
            }

            @Override
            public void onTransactionCommitted(Connection c, BoundOperation op) {
                committed.incrementAndGet();
            }
        };
        RunResult result = run(db, scenario, RunOptions.defaults().connections(2).transactions(50).operations(Set.of("reprice", "tag")), listener);
        assertThat(committed.get()).isEqualTo(result.committed()).isEqualTo(50);
        assertThat(checked.get()).isEqualTo(result.byOperation().get("reprice").committed());
    }

    @Test
    void oneConnectionIsReproducible(FreshDatabase a, FreshDatabase b) throws Exception {
        Scenario scenario = loaded(a);
        loaded(b);
        RunOptions options = RunOptions.defaults().connections(1).transactions(80).seed(99).operations(Set.of("reprice", "tag", "remove_item"));
        run(a, scenario, options);
        run(b, scenario, options);
        for (String table : List.of("tb_item", "tb_tag")) {
            assertThat(checksum(b, table)).as(table).isEqualTo(checksum(a, table));
        }
    }

    private Scenario loaded(FreshDatabase db) throws Exception {
        String text = ScenarioValidationTest.good().replace("\nreads:", EXTRA_OPERATIONS + "\nreads:");
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, text);
        Scenario scenario = ScenarioReader.read(file);
        try (Connection c = db.connect()) {
            DataLoader.load(c, scenario, "small", LoadOptions.quiet());
        }
        return scenario;
    }

    private static RunResult run(FreshDatabase db, Scenario scenario, RunOptions options, WorkloadListener... listeners) throws Exception {
        try (HikariDataSource pool = ConnectionPools.hikari(db.jdbcUrl(), db.connectionProperties(), options.connections())) {
            return new WorkloadRunner(scenario, pool, new NoReadModels()).run(options.includeReads(false), listeners);
        }
    }

    private static long price(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT price FROM tb_item WHERE pk_item = 1")) {
            rs.next();
            return rs.getBigDecimal(1).longValue();
        }
    }

    private static String checksum(FreshDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
