package dev.tviews.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.RunResult;
import dev.tviews.scenarios.workload.WorkloadRunner;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios, loaded at small scale, run their whole mix on 4 connections under each
 * strategy; afterwards every read model equals its definition. For hand-written this proves every
 * maintain statement, under concurrency.
 */
@ExtendWith(PostgresExtension.class)
class BundledScenariosTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "ecommerce, tviews-statement, 600",
            "ecommerce, tviews-row, 300",
            "ecommerce, hand-written, 600",
            "ecommerce, refresh-mv, 50",
            "ecommerce, refresh-mv-concurrently, 20",
            "social, tviews-statement, 600",
            "social, tviews-row, 300",
            "social, hand-written, 600",
            "social, refresh-mv, 30",
            "social, refresh-mv-concurrently, 15",
            "peers, hand-written, 300",
            "analytics, hand-written, 200",
            "analytics, tviews-statement, 100",
    })
    void readModelsAreFreshAfterTheMix(String scenarioName, String strategy, int transactions, PostgresServer server) throws Exception {
        Scenario scenario = BundledScenarios.load(scenarioName);
        ReadModelEngine engine = ReadModelEngines.byName(strategy);
        try (FreshDatabase db = ScenarioDatabases.loaded(server, scenario, "small")) {
            try (Connection c = db.connect()) {
                engine.create(c, scenario.tviews());
                assertThat(Freshness.check(c, scenario.tviews())).as("fresh right after creation").isEmpty();
            }
            RunResult result;
            try (HikariDataSource pool = ConnectionPools.hikari(db.jdbcUrl(), db.connectionProperties(), 4)) {
                result = new WorkloadRunner(scenario, pool, engine)
                        .run(RunOptions.defaults().connections(4).transactions(transactions).seed(11));
            }
            System.out.println(scenarioName + ": " + result.summary());
            assertThat(result.errorsByKind()).as(result.summary()).isEmpty();
            assertThat(result.committed()).isEqualTo(transactions);
            assertThat(result.skipped()).isEmpty();
            if (strategy.equals("hand-written")) {
                // Every write operation ran, so every maintain statement was exercised.
                for (var op : scenario.operations()) {
                    assertThat(result.byOperation()).as("operation " + op.name() + " ran").containsKey(op.name());
                }
            }
            try (Connection c = db.connect()) {
                List<Freshness.StaleRow> stale = Freshness.check(c, scenario.tviews());
                assertThat(stale).as(Freshness.describe(stale)).isEmpty();
                engine.drop(c, scenario.tviews());
            }
        }
    }
}
