package dev.tviews.checker;

import dev.tviews.checker.engines.PgIvmReadModels;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckPoints;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Other IVM engines plug in as strategies: pg_ivm is checked (after every statement, as it
 * maintains its views immediately) wherever the server offers the extension. The scenario's
 * definitions are ones pg_ivm accepts; the tviews engine runs them everywhere.
 */
@ExtendWith(PostgresExtension.class)
class PgIvmTest {

    @Test
    void theIvmScenarioPassesUnderTheTviewsEngine(PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTests.session(server, "ivm", "tiny", "tviews-statement")) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(21, 60));
            assertThat(result.passed()).as(result.describe()).isTrue();
        }
    }

    @Test
    void pgIvmKeepsItsViewsFreshAfterEveryStatement(PostgresServer server) throws Exception {
        try (Connection c = server.connect()) {
            assumeTrue(PgIvmReadModels.available(c), "pg_ivm is not installed on " + server.describe());
        }
        assertThat(CheckPoints.forEngine(PgIvmReadModels.NAME)).isEqualTo(CheckPoints.EVERY_STATEMENT);
        try (CheckSession session = CheckerTests.session(server, "ivm", "tiny", PgIvmReadModels.NAME)) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(21, 60));
            assertThat(result.passed()).as(result.describe()).isTrue();
        }
    }
}
