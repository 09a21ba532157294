package dev.tviews.checker.generate;

import dev.tviews.checker.CheckerTestAccess;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.LogEntry;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class WorkloadGeneratorTest {

    private static String run(PostgresServer server, String scenario, long seed, long transactions) throws Exception {
        try (CheckSession session = CheckerTestAccess.session(server, scenario, "tiny", "tviews-statement")) {
            StatementLog log = StatementLog.inMemory();
            CheckResult result = session.run(CheckOptions.transactions(seed, transactions), log, ProgressListener.NONE);
            assertThat(result.passed()).as(result.describe()).isTrue();
            return log.text();
        }
    }

    @Test
    void theSameSeedGivesTheSameStatementsAndOutcomesAnotherSeedOthers(PostgresServer server) throws Exception {
        String first = run(server, "social", 99, 20);
        String again = run(server, "social", 99, 20);
        String other = run(server, "social", 100, 20);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).contains("BEGIN;").contains("COMMIT;").contains("-- check after COMMIT of transaction 1: fresh");
    }

    @Test
    void coversEveryKindOfStepTheCatalogAllows(PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTestAccess.session(server, "shapes", "tiny", "tviews-statement")) {
            CheckResult result = session.run(CheckOptions.transactions(3, 150), StatementLog.inMemory(), ProgressListener.NONE);
            assertThat(result.passed()).as(result.describe()).isTrue();
            Set<StepKind> expected = EnumSet.allOf(StepKind.class);
            if (session.catalog().serverMajor() < 15) {
                expected.remove(StepKind.MERGE);
            }
            assertThat(result.coverage().keySet()).as(result.describeCoverage()).containsAll(expected);
            assertThat(result.expectedFailures()).isPositive();
            assertThat(result.unexpectedSuccesses()).isZero();
            // A seventh: shapes' partitioned tb_event adds a foreign key whose generic refusals (dangling
            // values, shifted keys) count like tb_task's; statements naming its partitions are not refused.
            assertThat(result.aborted()).as("transactions lost to refused statements").isLessThan(result.transactions() / 7);
        }
    }

    @Test
    void theLogIsPlainSqlThatReadsBackEntryForEntry(PostgresServer server) throws Exception {
        String text = run(server, "ecommerce", 5, 30);
        var entries = StatementLog.parse(text);
        assertThat(entries.stream().map(LogEntry::text).collect(Collectors.joining("\n", "", "\n"))).isEqualTo(text);
        assertThat(entries).anySatisfy(e -> assertThat(e).isInstanceOf(LogEntry.Copy.class));
    }

    @Test
    void aRollbackToSavepointIsSometimesFollowedByARetryOfWhatItUndid(PostgresServer server) throws Exception {
        // The statements and the generator's own savepoints (s1, s2, …); the runner's guards (g…) are left out.
        List<String> sql = StatementLog.parse(run(server, "social", 7, 150)).stream()
                .filter(e -> !(e instanceof LogEntry.Comment)).map(LogEntry::text)
                .filter(t -> !t.matches("(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) g\\d+;")).toList();
        int rollbacks = 0;
        int retries = 0;
        for (int i = 0; i < sql.size(); i++) {
            if (!sql.get(i).startsWith("ROLLBACK TO SAVEPOINT s")) {
                continue;
            }
            rollbacks++;
            int start = sql.lastIndexOf(sql.get(i).replace("ROLLBACK TO ", ""));
            List<String> undone = sql.subList(start + 1, i);
            if (!undone.isEmpty() && undone.stream().noneMatch(t -> t.contains("SAVEPOINT"))
                    && i + 1 + undone.size() <= sql.size() && sql.subList(i + 1, i + 1 + undone.size()).equals(undone)) {
                retries++;
            }
        }
        assertThat(rollbacks).isPositive();
        assertThat(retries).as("retries after %d rollbacks to a savepoint", rollbacks).isPositive().isLessThan(rollbacks);
    }
}
