package dev.tviews.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.RunResult;
import dev.tviews.scenarios.workload.WorkloadRunner;
import dev.tviews.scenarios.yaml.ScenarioReader;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario file from outside the project, read from disk, loaded and run like the bundled ones. */
@ExtendWith(PostgresExtension.class)
class UserScenarioTest {

    @ParameterizedTest
    @ValueSource(strings = {"hand-written", "refresh-mv", "none"})
    void loadsRunsAndStaysFresh(String strategy, FreshDatabase db) throws Exception {
        Scenario scenario = ScenarioReader.read(Path.of("src/test/resources/user-scenario/shop.yaml"));
        ReadModelEngine engine = ReadModelEngines.byName(strategy);
        try (Connection c = db.connect()) {
            DataLoader.load(c, scenario, "small", LoadOptions.quiet());
            engine.create(c, scenario.tviews());
        }
        RunResult result;
        try (HikariDataSource pool = ConnectionPools.hikari(db.jdbcUrl(), db.connectionProperties(), 3)) {
            result = new WorkloadRunner(scenario, pool, engine).run(RunOptions.defaults().connections(3).transactions(150));
        }
        assertThat(result.errorsByKind()).as(result.summary()).isEmpty();
        assertThat(result.committed()).isEqualTo(150);
        if (strategy.equals("none")) {
            assertThat(result.skipped()).as("reads need read models").containsExactly("item");
            return;
        }
        try (Connection c = db.connect()) {
            var stale = Freshness.check(c, scenario.tviews());
            assertThat(stale).as(Freshness.describe(stale)).isEmpty();
        }
    }
}
