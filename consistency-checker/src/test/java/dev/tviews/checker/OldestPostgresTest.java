package dev.tviews.checker;

import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.scenarios.BundledScenarios;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine promises PostgreSQL 14+: a short random workload in both trigger modes on the oldest
 * supported major too (the rest of this suite runs on the default server). MERGE does not exist
 * there, and the generator leaves it out.
 */
class OldestPostgresTest {

    @Test
    void randomWorkloadsPassOnPostgres14() throws Exception {
        PostgresOptions configured = PostgresOptions.fromEnvironment();
        assumeTrue(configured.jdbcUrl().isEmpty(), "an external server is configured; its major is what it is");
        assumeTrue(configured.majorVersion() != 14, "the whole suite already runs on PostgreSQL 14");
        try (PostgresServer server = PostgresServers.open(PostgresOptions.embedded(14));
             ScenarioTemplates templates = new ScenarioTemplates(server, false)) {
            for (String engine : new String[]{"tviews-statement", "tviews-row"}) {
                try (CheckSession session = CheckSession.open(templates,
                        new CheckTarget("social", BundledScenarios.load("social"), "tiny", engine))) {
                    assertThat(session.catalog().serverMajor()).isEqualTo(14);
                    CheckResult result = CheckerTests.run(session, CheckOptions.transactions(14, 40));
                    System.out.println("PostgreSQL 14: " + result.summary());
                    assertThat(result.passed()).as(result.describe()).isTrue();
                    assertThat(result.coverage()).doesNotContainKey(dev.tviews.checker.generate.StepKind.MERGE);
                    assertThat(result.replay()).contains("--pg-major 14");
                }
            }
        }
    }
}
