package dev.tviews.checker.concurrent;

import dev.tviews.checker.CheckerTestAccess;
import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correct engine under concurrent writers on hot keys, at the three isolation levels: fresh
 * after every round, with conflicts retried. (That the checker fails without the engine's
 * concurrency protocol is the catalogue's broken-no-locking.)
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentCheckerTest {

    @Test
    void theCorrectEngineStaysFreshUnderConcurrentWritersAtEveryIsolationLevel(PostgresServer server) throws Exception {
        ConcurrentResult result = new ConcurrentChecker(CheckerTestAccess.templates(server))
                .run(VariantHunt.target("tviews-statement"), ConcurrentOptions.defaults(5).withRounds(9));
        System.out.println(result.summary());
        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
        assertThat(result.checks()).isEqualTo(9);
        assertThat(result.statements()).isGreaterThan(20);
        assertThat(result.committed()).isGreaterThan(10);
    }
}
