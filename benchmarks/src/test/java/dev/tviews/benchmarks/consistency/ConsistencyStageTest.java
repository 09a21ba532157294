package dev.tviews.benchmarks.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.benchmarks.profile.Profile;
import dev.tviews.benchmarks.profile.ProfileRunner;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.scenarios.BundledScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The consistency stage of the main job: what the default profile checks, and a failure on a broken engine. */
@ExtendWith(PostgresExtension.class)
class ConsistencyStageTest {

    @Test
    void theDefaultProfileChecksEveryBundledScenarioInBothTriggerModesAndConcurrentSessionsWithinItsBudget() {
        ConsistencyPlan plan = Profile.named("quick").consistency();
        assertThat(plan.scenarios()).containsExactlyElementsOf(BundledScenarios.names());
        assertThat(plan.engines()).containsExactly("tviews-statement", "tviews-row");
        assertThat(plan.sessions()).isGreaterThanOrEqualTo(2);
        // The whole stage, set-up included, must leave the quick profile under 10 minutes.
        assertThat(plan.expectedSeconds()).isLessThanOrEqualTo(120);
        assertThat(plan.perRun()).isGreaterThanOrEqualTo(ConsistencyPlan.MIN_RUN);
    }

    /**
     * A profile of nothing but the consistency stage, on a broken variant of the checker's catalogue (deleted
     * keys are left in tv_*): the runner reports a problem (the main job exits 1), and summary.json,
     * checker/summary.json and the report still say what ran and how to replay the failure.
     */
    @Test
    void aBrokenEngineFailsTheStageAndTheReportShowsTheReproducerAndItsReplayCommand(PostgresServer server,
                                                                                     @TempDir Path dir) throws Exception {
        ConsistencyPlan plan = ConsistencyPlan.quick().withScenarios(List.of("ecommerce"))
                .withEngines(List.of("broken-deleted-keys")).withTimes(Duration.ofSeconds(20), 0, Duration.ZERO,
                        Duration.ofSeconds(3));
        Profile profile = new Profile("consistency-only", List.of(), List.of(), false, plan);
        Path results = dir.resolve("results");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProfileRunner runner = new ProfileRunner(server, dir.resolve("no-connection-file"), profile, results,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        Path report = runner.run();

        String log = printed.toString(StandardCharsets.UTF_8);
        assertThat(runner.problems()).as(log).singleElement().asString()
                .startsWith("consistency ecommerce with broken-deleted-keys").contains("read models are stale");
        JsonNode summary = ResultsFolder.mapper().readTree(results.resolve("summary.json").toFile()).get("consistency");
        assertThat(summary.get("runs").asInt()).isEqualTo(1);
        assertThat(summary.get("failures").asLong()).isEqualTo(1);
        assertThat(summary.get("statements").asLong()).isPositive();
        assertThat(summary.get("checks").asLong()).isPositive();

        JsonNode run = ResultsFolder.mapper().readTree(results.resolve(ResultsFolder.CHECKER_SUMMARY).toFile())
                .get("runs").get(0);
        assertThat(run.get("triggerMode").asText()).isEqualTo("statement");
        String reproducer = run.get("reproducers").get(0).asText();
        assertThat(reproducer).startsWith("checker/reproducers/ecommerce-broken-deleted-keys-");
        assertThat(Files.readString(results.resolve(reproducer))).contains("-- tviews:step").contains("-- tviews:check");
        String replay = run.get("replayCommands").get(0).asText();
        assertThat(replay).isEqualTo("java -jar benchmarks/target/benchmarks.jar replay " + results.resolve(reproducer)
                + (server.provider() == dev.tviews.database.PostgresProvider.EXTERNAL ? " --jdbc-url <URL of the same server>" : ""));
        assertThat(run.get("replayCommands").get(1).asText()).contains("check --scenario ecommerce").contains("--seed "
                + run.get("seed").asLong());

        String html = Files.readString(report);
        assertThat(html).contains("1 failure").contains(reproducer).contains("benchmarks.jar replay ")
                .doesNotContain("no checker/summary.json");
        assertThat(log).contains("1 FAILURE").contains("replay: java -jar benchmarks/target/benchmarks.jar replay ");
    }
}
