package dev.tviews.checker;

import dev.tviews.checker.cli.CheckCommand;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckPoints;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.database.LocalPostgresBinaries;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.engine.PgIvmReadModels;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.engine.UnavailableStrategyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real pg_ivm as a strategy: wherever an installed PostgreSQL has the extension (the pg-ivm-install
 * tool puts it into Debian's PostgreSQL 15), a local server with it preloaded is started, and pg_ivm is
 * checked after every statement, as it maintains its views immediately. Elsewhere (CI has only Java and
 * Maven) those tests are skipped with the reason. The scenario's definitions are ones pg_ivm accepts; the
 * tviews engine runs them everywhere.
 */
@ExtendWith(PostgresExtension.class)
class PgIvmTest {

    private static final String SKIP = "no installed PostgreSQL has pg_ivm (looked for pg_ivm.so in the library "
            + "directory of /usr/lib/postgresql/*/bin and /usr/pgsql-*/bin): install PostgreSQL 15 and run the "
            + "pg-ivm-install tool (needs root, make, a C compiler, postgresql-server-dev-15), as .ci/run tries to";

    private static Optional<LocalPostgresBinaries> withPgIvm() {
        return LocalPostgresBinaries.find(PostgresOptions.ANY_MAJOR, List.of(PgIvmReadModels.LIBRARY));
    }

    @Test
    void theIvmScenarioPassesUnderTheTviewsEngine(PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTests.session(server, "ivm", "tiny", "tviews-statement")) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(21, 60));
            assertThat(result.passed()).as(result.describe()).isTrue();
        }
    }

    @Test
    void oneAdapterUnderBothSpellings() {
        assertThat(ReadModelEngines.byName("pg_ivm").name()).isEqualTo(PgIvmReadModels.NAME);
        assertThat(ReadModelEngines.byName("pg-ivm").name()).isEqualTo(PgIvmReadModels.NAME);
        assertThat(ReadModelEngines.names()).contains("pg-ivm").doesNotContain("pg_ivm");
        assertThat(CheckPoints.forEngine("pg_ivm")).isEqualTo(CheckPoints.EVERY_STATEMENT);
        assertThat(CheckPoints.forEngine(PgIvmReadModels.NAME)).isEqualTo(CheckPoints.EVERY_STATEMENT);
    }

    @Test
    void withoutTheExtensionTheAdapterSaysWhatToInstall(PostgresServer server) throws Exception {
        try (Connection c = server.connect()) {
            assumeTrue(!PgIvmReadModels.available(c), "the test run's server has pg_ivm");
            assertThatThrownBy(() -> new PgIvmReadModels().create(c, CheckerTests.scenario("ivm").tviews()))
                    .isInstanceOf(UnavailableStrategyException.class)
                    .hasMessageContaining("the pg_ivm extension is not installed on this server (PostgreSQL ")
                    .hasMessageContaining("pg-ivm-install");
        }
    }

    @Test
    void pgIvmKeepsItsViewsFreshAfterEveryStatementAndRefusesWhatItCannotMaintain() throws Exception {
        Optional<LocalPostgresBinaries> binaries = withPgIvm();
        assumeTrue(binaries.isPresent(), SKIP);
        try (PostgresServer server = PostgresServers.open(PostgresOptions.local(binaries.get().major(),
                Optional.of(binaries.get().bin()), Map.of("shared_preload_libraries", PgIvmReadModels.LIBRARY)))) {
            try (CheckSession session = CheckerTests.session(server, "ivm", "tiny", PgIvmReadModels.NAME)) {
                CheckResult result = CheckerTests.run(session, CheckOptions.transactions(21, 60));
                assertThat(result.passed()).as(result.describe()).isTrue();
                assertThat(result.describe()).doesNotContain("0 checks");
            }
            // social's read models aggregate with jsonb_agg, which pg_ivm cannot maintain.
            assertThatThrownBy(() -> CheckerTests.session(server, "social", "tiny", PgIvmReadModels.NAME).close())
                    .isInstanceOf(UnavailableStrategyException.class)
                    .hasMessageContaining("pg_ivm refuses read model");
        }
    }

    @Test
    void checkWithoutAUrlStartsALocalServerWithPgIvmPreloaded() {
        assumeTrue(withPgIvm().isPresent(), SKIP);
        assumeTrue(System.getenv(PostgresOptions.JDBC_URL_ENV) == null, "TVIEWS_JDBC_URL chooses the server");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new CheckCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--scenario", "src/test/resources/scenarios/ivm.yaml", "--scale", "tiny", "--engine", "pg_ivm",
                        "--transactions", "20", "--seed", "5", "--progress-every", "0");
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("with pg-ivm").contains("on local PostgreSQL " + withPgIvm().get().major());
    }
}
