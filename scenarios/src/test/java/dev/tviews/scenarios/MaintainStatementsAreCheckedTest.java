package dev.tviews.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.engine.HandWrittenReadModels;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.WorkloadRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The freshness check of BundledScenariosTest can fail: a maintain that forgets part of its job is caught. */
@ExtendWith(PostgresExtension.class)
class MaintainStatementsAreCheckedTest {

    @Test
    void aMaintainThatForgetsTheProductIsCaught(PostgresServer server) throws Exception {
        Scenario bundled = BundledScenarios.load("ecommerce");
        Operation updatePrice = bundled.operation("update_price").orElseThrow();
        // Keep only the tv_category part: tv_product keeps the old price.
        Operation broken = new Operation(updatePrice.name(), updatePrice.kind(), updatePrice.weight(), updatePrice.params(),
                updatePrice.statements(), updatePrice.maintain().subList(1, updatePrice.maintain().size()), updatePrice.location());
        Scenario scenario = bundled.withOperation(broken);
        HandWrittenReadModels engine = new HandWrittenReadModels();
        try (FreshDatabase db = ScenarioDatabases.loaded(server, scenario, "small")) {
            try (Connection c = db.connect()) {
                engine.create(c, scenario.tviews());
            }
            try (HikariDataSource pool = ConnectionPools.hikari(db.jdbcUrl(), db.connectionProperties(), 2)) {
                new WorkloadRunner(scenario, pool, engine)
                        .run(RunOptions.defaults().connections(2).transactions(20).operations(Set.of("update_price")));
            }
            try (Connection c = db.connect()) {
                List<Freshness.StaleRow> stale = Freshness.check(c, scenario.tviews());
                assertThat(stale).isNotEmpty();
                assertThat(stale).allSatisfy(row -> assertThat(row.tview()).isEqualTo("tv_product"));
                assertThat(stale).anySatisfy(row -> assertThat(row.side()).isEqualTo(Freshness.StaleRow.Side.MISSING));
                assertThat(stale).anySatisfy(row -> assertThat(row.side()).isEqualTo(Freshness.StaleRow.Side.UNEXPECTED));
            }
        }
    }
}
