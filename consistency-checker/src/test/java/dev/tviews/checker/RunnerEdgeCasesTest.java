package dev.tviews.checker;

import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class RunnerEdgeCasesTest {

    @Test
    void refusalsByADeferredForeignKeyAtCommitAndByTheSchemasOwnTriggerAreNotFailures(PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTests.session(server, "deferred", "tiny", "tviews-statement")) {
            StatementLog log = StatementLog.inMemory();
            Weights weights = Weights.defaults().with(StepKind.FAIL_FOREIGN_KEY, 40).withAutocommit(0);
            CheckResult result = session.run(CheckOptions.transactions(8, 30).withWeights(weights), log, ProgressListener.NONE);
            assertThat(result.passed()).as(result.describe()).isTrue();
            assertThat(log.text()).contains("-- error 23503").contains("after the refused COMMIT of transaction");
            assertThat(result.unexpectedSuccesses()).as("deferred violations pass the statement").isPositive();
            assertThat(log.text()).as("the schema's own trigger refused a write").contains("-- error P0001");
        }
    }

    @Test
    void checksOnlyAfterCommitWhenAskedTo(PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTests.session(server, "social", "tiny", "tviews-statement")) {
            CheckResult result = session.run(CheckOptions.transactions(2, 20)
                            .withCheckPoints(dev.tviews.checker.run.CheckPoints.AFTER_COMMIT), StatementLog.inMemory(),
                    ProgressListener.NONE);
            assertThat(result.passed()).as(result.describe()).isTrue();
            assertThat(result.checks()).isEqualTo(21);
            assertThat(result.replay()).contains("--check-after commit");
        }
    }
}
