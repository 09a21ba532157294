package dev.tviews.checker;

import dev.tviews.checker.run.CheckFailure;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.LogReplayer;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker must fail on engines that are wrong: here the correct engine with one of its
 * triggers dropped. Each failure must carry the seed, the command that replays it and the
 * oracle's diff, and replaying — from the seed, or from the statement log — must fail the same way.
 */
@ExtendWith(PostgresExtension.class)
class BrokenEngineTest {

    private static final long SEED = 11;

    @Test
    void aDroppedUpdateTriggerIsCaughtWithSeedReplayCommandAndDiff(PostgresServer server) throws Exception {
        String broken = TestBrokenStrategies.WITHOUT_CATEGORY_UPDATES;
        CheckResult result;
        try (CheckSession session = CheckerTests.session(server, "ecommerce", "tiny", broken)) {
            result = CheckerTests.run(session, CheckOptions.transactions(SEED, 300));
        }
        System.out.println(result.describe());
        assertThat(result.passed()).as("the checker must catch the broken engine").isFalse();
        CheckFailure failure = result.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(CheckFailure.Kind.STALE);
        assertThat(failure.statement()).hasValueSatisfying(s -> assertThat(s).contains("tb_category"));
        assertThat(result.describe())
                .contains("FAILURE (seed " + SEED + ")")
                .contains("replay: java -jar benchmarks.jar check --scenario ecommerce --scale tiny --seed " + SEED
                        + " --engine " + broken + " --transactions " + failure.transaction())
                // A field of the category the update changed (which one depends on the seed's workload).
                .containsPattern("\\$\\.(data\\.)?(category\\.|category_)?[a-z_]+: \"[^\"]*\" ≠ \"[^\"]*\"");

        // The same seed fails at the same place ...
        try (CheckSession again = CheckerTests.session(server, "ecommerce", "tiny", broken)) {
            CheckResult replayed = CheckerTests.run(again, CheckOptions.transactions(SEED, failure.transaction()));
            assertThat(replayed.failure()).hasValueSatisfying(f -> {
                assertThat(f.where()).isEqualTo(failure.where());
                assertThat(f.report().orElseThrow().describe()).isEqualTo(failure.report().orElseThrow().describe());
            });
        }
        // ... and so does the statement log, replayed on a fresh database.
        try (CheckSession fresh = CheckerTests.session(server, "ecommerce", "tiny", broken)) {
            LogReplayer.Outcome outcome = LogReplayer.replay(fresh.connection(), result.log().entries(), fresh.oracle());
            assertThat(outcome.failed()).isTrue();
            assertThat(outcome.report().orElseThrow().describe()).isEqualTo(failure.report().orElseThrow().describe());
        }
    }

    @Test
    void aDroppedRowTriggerIsCaughtInRowMode(PostgresServer server) throws Exception {
        String broken = TestBrokenStrategies.ROW_WITHOUT_LIKE_TRIGGERS;
        try (CheckSession session = CheckerTests.session(server, "social", "tiny", broken)) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(SEED, 300));
            System.out.println(result.describe());
            assertThat(result.failure()).hasValueSatisfying(f -> {
                assertThat(f.kind()).isEqualTo(CheckFailure.Kind.STALE);
                assertThat(f.report().orElseThrow().describe()).contains("tv_post").contains("$.data.likeCount");
            });
        }
    }

    @Test
    void aMaterializedViewThatIsNeverRefreshedIsCaughtAfterCommit(PostgresServer server) throws Exception {
        String broken = TestBrokenStrategies.NEVER_REFRESHED;
        try (CheckSession session = CheckerTests.session(server, "social", "tiny", broken)) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(SEED, 50));
            assertThat(result.failure()).hasValueSatisfying(f -> {
                assertThat(f.kind()).isEqualTo(CheckFailure.Kind.STALE);
                assertThat(f.where()).startsWith("after COMMIT").doesNotContain("statement");
            });
        }
    }
}
