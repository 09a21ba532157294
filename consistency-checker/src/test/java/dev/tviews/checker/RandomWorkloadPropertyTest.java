package dev.tviews.checker;

import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property: under random write workloads generated from the schema, every read model equals
 * its definition at every point the strategy promises (after each statement for tviews, after
 * each commit for REFRESH MATERIALIZED VIEW). Both bundled scenarios and the checker's own
 * {@code shapes} scenario, both trigger modes; fixed seeds, plus fresh seeds on every run (printed,
 * and part of the failure message with the command that replays them). Longer runs belong to
 * {@code benchmarks.jar check --duration …}.
 */
@ExtendWith(PostgresExtension.class)
class RandomWorkloadPropertyTest {

    private static final long FIXED_TRANSACTIONS = 80;
    private static final long FRESH_TRANSACTIONS = 40;
    private static final SecureRandom FRESH = new SecureRandom();

    static List<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (String scenario : List.of("ecommerce", "social", "shapes")) {
            for (String engine : List.of("tviews-statement", "tviews-row")) {
                runs.add(Arguments.of(scenario, engine, 42L, FIXED_TRANSACTIONS));
                if (!scenario.equals("shapes")) {
                    long seed = FRESH.nextLong() & Long.MAX_VALUE;
                    System.out.printf("fresh seed for %s under %s: %d%n", scenario, engine, seed);
                    runs.add(Arguments.of(scenario, engine, seed, FRESH_TRANSACTIONS));
                }
            }
            runs.add(Arguments.of(scenario, "refresh-mv", 7L, 30L));
        }
        return runs;
    }

    @ParameterizedTest(name = "{0} under {1}, seed {2}, {3} transactions")
    @MethodSource("runs")
    void readModelsEqualTheirDefinitionsWhereverTheStrategyPromises(String scenario, String engine, long seed,
                                                                     long transactions, PostgresServer server) throws Exception {
        try (CheckSession session = CheckerTests.session(server, scenario, "tiny", engine)) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(seed, transactions));
            System.out.println(result.summary());
            assertThat(result.passed()).as(result.describe()).isTrue();
            assertThat(result.transactions()).isEqualTo(transactions);
            assertThat(result.checks()).isGreaterThan(transactions);
        }
    }
}
