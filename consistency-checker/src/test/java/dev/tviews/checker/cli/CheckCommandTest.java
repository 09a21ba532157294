package dev.tviews.checker.cli;

import dev.tviews.checker.TestBrokenStrategies;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code check} command as a user runs it, against the test run's server (passed with
 * {@code --jdbc-url}, so no second server starts).
 */
@ExtendWith(PostgresExtension.class)
class CheckCommandTest {

    private static CliTests.Run run(PostgresServer server, String... args) {
        return CliTests.check(server, args);
    }

    @Test
    void aCleanRunPrintsASummaryAndExitsWithZero(PostgresServer server, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("social.sql");
        CliTests.Run r = run(server, "--scenario", "social", "--seed", "3", "--transactions", "15", "--log", log.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out())
                .contains("checking social at scale tiny with tviews-statement, seed 3 (pass --seed 3 to repeat it)")
                .contains("tviews-statement, seed 3: 15 transactions")
                .contains("0 failures")
                .contains("covered: ")
                .contains("statement log: " + log.toAbsolutePath());
        assertThat(Files.readString(log)).contains("-- transaction 15").contains("COMMIT;");
    }

    @Test
    void aBrokenEngineExitsWithOneAndPrintsTheSeedTheReplayCommandAndTheDiff(PostgresServer server, @TempDir Path dir) throws Exception {
        String broken = TestBrokenStrategies.WITHOUT_CATEGORY_UPDATES;
        Path log = dir.resolve("broken.sql");
        CliTests.Run r = run(server, "--scenario", "ecommerce", "--engine", broken, "--seed", "11", "--transactions", "100",
                "--log", log.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.out())
                .contains("1 failure")
                .contains("FAILURE (seed 11): read models are stale")
                .containsPattern("replay: java -jar benchmarks.jar check --scenario ecommerce --scale tiny --seed 11 --engine "
                        + broken + " --jdbc-url <URL of the same server> --transactions \\d+")
                .contains("≠")
                .contains("statement log: " + log.toAbsolutePath());
        assertThat(Files.readString(log)).contains("-- FAILURE: read models are stale");

        // The failure comes back shrunk into a reproducer; this engine is in no catalogue, so the
        // reproducer carries what it changed in the engine's generated code, and replays alone.
        Path reproducer = dir.resolve("broken-reproducer.sql");
        assertThat(r.out()).contains("reproducer: ").contains("1-minimal").contains("replay: java -jar benchmarks.jar replay " + reproducer.toAbsolutePath());
        Script script = Script.read(reproducer);
        assertThat(script.steps()).hasSizeLessThanOrEqualTo(10);
        assertThat(script.text()).contains("-- tviews:sql breakage\nDROP TRIGGER IF EXISTS tviews_update ON tb_category;");
        StringWriter out = new StringWriter();
        CommandLine replay = new CommandLine(new ReplayCommand());
        replay.setOut(new PrintWriter(out, true));
        replay.setErr(new PrintWriter(out, true));
        assertThat(replay.execute(reproducer.toString(), "--jdbc-url", CliTests.url(server))).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("REPRODUCED").contains("tb_category").doesNotContain("did not reproduce");
    }

    @Test
    void theTriggerModeChoosesTheTviewsStrategyAndAScenarioMayBeAFile(PostgresServer server, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("shapes.yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("scenarios/shapes.yaml")) {
            Files.copy(in, file);
        }
        CliTests.Run r = run(server, "--scenario", file.toString(), "--trigger-mode", "row", "--seed", "4", "--duration", "3s");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("checking shapes at scale tiny with tviews-row, seed 4").contains("tviews-row, seed 4: ");
    }

    @Test
    void batchingChecksTheBatchedEngineAfterEveryCommitOnTheScenarioWithoutForeignKeys(PostgresServer server) {
        CliTests.Run r = run(server, "--scenario", "no-foreign-keys", "--trigger-mode", "row", "--batching", "--seed", "6",
                "--transactions", "20");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("checking no-foreign-keys at scale tiny with tviews-row-batched, seed 6")
                .contains("tviews-row-batched, seed 6: 20 transactions");
        assertThat(run(server, "--scenario", "social", "--engine", "refresh-mv", "--batching").err())
                .contains("--batching is a mode of the tviews engine");
    }

    /**
     * As on a managed cloud: the login role may create databases but is no superuser, so it loads the
     * scenario, installs the engine (without the DDL guard's event triggers), creates the TVIEWs and
     * runs and checks the workload on databases it owns.
     */
    @Test
    void theWholeEcommerceScenarioIsCheckedByALoginRoleThatIsNotASuperuser(PostgresServer server) throws Exception {
        String role = "cloud_checker";
        try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + role);
            st.execute("CREATE ROLE " + role + " LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD 'cloud'");
        }
        try {
            String url = server.jdbcUrl(server.maintenanceDatabase());
            String asRole = url + (url.contains("?") ? "&" : "?") + "user=" + role + "&password=cloud";
            String[] args = {"--scenario", "ecommerce", "--seed", "8", "--transactions", "40"};
            try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("ALTER ROLE " + role + " NOCREATEDB");
            }
            CliTests.Run refused = CliTests.check(asRole, args);
            assertThat(refused.exit()).as("the run is the role's: without CREATEDB it cannot clone the scenario: %s",
                    refused.all()).isEqualTo(2);
            assertThat(refused.all()).contains("permission denied to create database");
            try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("ALTER ROLE " + role + " CREATEDB");
            }
            CliTests.Run r = CliTests.check(asRole, args);
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("tviews-statement, seed 8: 40 transactions").contains("0 failures");
        } finally {
            try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void wrongArgumentsExitWithTwoAndSayWhatToDo(PostgresServer server) {
        assertThat(run(server, "--scenario", "social", "--engine", "nope")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--strategy nope: unknown strategy").contains("tviews-statement");
        });
        assertThat(run(server, "--scenario", "social", "--engine", "hand-written", "--transactions", "1")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("cannot maintain read models under random writes");
        });
        assertThat(run(server, "--scenario", "no-such-scenario.yaml").exit()).isEqualTo(2);
        assertThat(run(server, "--scenario", "social", "--duration", "soon").err()).contains("is not a duration");
        assertThat(run(server, "--scenario", "social", "--trigger-mode", "sideways").err()).contains("statement or row");
        assertThat(run(server, "--scenario", "social", "--engine", "refresh-mv", "--trigger-mode", "row").err())
                .contains("contradicts --engine refresh-mv");
        assertThat(run(server, "--scenario", "social", "--scale", "huge").err()).contains("has no scale 'huge'");
        assertThat(run(server).exit()).as("--scenario is required").isEqualTo(2);
        assertThat(run(server, "--scenario", "social", "--explore", "--sessions", "4").err())
                .contains("scripts of 2 or 3 sessions, not 4");
        assertThat(run(server, "--scenario", "social", "--explore", "--statements", "9").err())
                .contains("1 to 4 statements per session");
        assertThat(run(server, "--scenario", "social", "--crash").err()).as("--jdbc-url is given")
                .contains("--crash kills the server it started, so it runs on the embedded server only");
        CliTests.Run ivm = run(server, "--scenario", "social", "--engine", "pg_ivm", "--transactions", "1");
        // Without the extension the strategy says so; with it, pg_ivm refuses social's correlated subqueries.
        assertThat(ivm.exit()).isEqualTo(2);
        assertThat(ivm.err()).containsAnyOf("the pg_ivm extension is not installed", "pg_ivm refuses");
    }

    @Test
    void neverPrintsCredentials(PostgresServer server) {
        String secret = "s3cr3t-Value";
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        String url = CliTests.url(server);
        cl.execute("--scenario", "social", "--transactions", "2", "--progress-every", "0",
                "--jdbc-url", url + (url.contains("?") ? "&" : "?") + "password=" + secret);
        assertThat(out.toString()).doesNotContain(secret);
    }

    @Test
    void durationsReadAsUsersWriteThem() {
        assertThat(CheckCommand.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(CheckCommand.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CheckCommand.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CheckCommand.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CheckCommand.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }
}
