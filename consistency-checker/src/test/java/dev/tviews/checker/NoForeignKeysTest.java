package dev.tviews.checker;

import dev.tviews.checker.concurrent.ConcurrentChecker;
import dev.tviews.checker.concurrent.ConcurrentOptions;
import dev.tviews.checker.concurrent.ConcurrentResult;
import dev.tviews.checker.run.CheckFailure;
import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.CheckerScenarios;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker's scenario without foreign keys: links are plain columns, so children point at
 * parents that do not exist yet or any more, and the generator moves parent keys onto values
 * children reference. Every trigger mode, with and without batching, stays exact and refuses no
 * valid write; an engine whose tv tables check id uniqueness at once is caught refusing one.
 */
@ExtendWith(PostgresExtension.class)
class NoForeignKeysTest {

    private static final String SCENARIO = CheckerScenarios.NO_FOREIGN_KEYS;

    private static CheckSession session(PostgresServer server, String engine) throws Exception {
        return CheckSession.open(CheckerTests.templates(server),
                new CheckTarget(SCENARIO, CheckerScenarios.load(SCENARIO), "tiny", engine));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tviews-statement", "tviews-row", "tviews-statement-batched", "tviews-row-batched"})
    void everyModeStaysExactAndRefusesNoValidWrite(String engine, PostgresServer server) throws Exception {
        try (CheckSession session = session(server, engine)) {
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(22, 120));
            System.out.println(result.summary());
            assertThat(result.passed()).as(result.describe()).isTrue();
            assertThat(result.transactions()).isEqualTo(120);
        }
    }

    /** Child link values the generator made up (its unique range) and parent key moves onto them. */
    private static final Pattern MADE_UP = Pattern.compile("\\b(1\\d{9})\\b");
    private static final Pattern KEY_MOVE = Pattern.compile("UPDATE tb_(account|item|tag) SET \"pk_\\1\" = (\\d+) WHERE");

    @Test
    void linksDangleAndKeysMoveOntoValuesChildrenReference(PostgresServer server) throws Exception {
        try (CheckSession session = session(server, "tviews-statement")) {
            StatementLog log = StatementLog.inMemory();
            CheckResult result = session.run(CheckOptions.transactions(5, 200), log, ProgressListener.NONE);
            assertThat(result.passed()).as(result.describe()).isTrue();
            Set<String> referenced = new HashSet<>();
            List<String> movesOntoReferenced = new ArrayList<>();
            for (String line : log.text().split("\n")) {
                Matcher move = KEY_MOVE.matcher(line);
                if (move.find() && referenced.contains(move.group(2))) {
                    movesOntoReferenced.add(line);
                }
                if (line.startsWith("INSERT INTO tb_item ") || line.startsWith("INSERT INTO tb_item_tag ")
                        || line.startsWith("INSERT INTO tb_order ") || line.matches("UPDATE tb_(item|item_tag|order) SET .*")) {
                    Matcher m = MADE_UP.matcher(line);
                    while (m.find()) {
                        referenced.add(m.group(1));
                    }
                }
            }
            assertThat(referenced).as("link values no parent had").isNotEmpty();
            assertThat(movesOntoReferenced).as("parent keys moved onto values children reference").isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tviews-statement", "tviews-row-batched"})
    void theConcurrentCheckerPassesIt(String engine, PostgresServer server) throws Exception {
        ConcurrentOptions options = ConcurrentOptions.defaults(11).withSessions(4).withRounds(6);
        ConcurrentResult result = new ConcurrentChecker(CheckerTests.templates(server))
                .run(new CheckTarget(SCENARIO, CheckerScenarios.load(SCENARIO), "tiny", engine), options);
        System.out.println(result.summary());
        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
        assertThat(result.checks()).isGreaterThanOrEqualTo(6);
        assertThat(result.committed()).isPositive();
    }

    /**
     * The engine before issue 22: the id of a tv table unique at once instead of at commit. A key
     * moved onto a value an item already references re-homes that item through tv_item's cascade
     * while the old key's tv_seller row, with the same id, is still there.
     */
    @Test
    void anImmediateIdIndexIsCaughtRefusingAValidWrite(PostgresServer server) throws Exception {
        try (CheckSession session = session(server, "tviews-statement")) {
            try (Statement st = session.connection().createStatement()) {
                for (String tv : List.of("tv_item", "tv_seller")) {
                    st.execute("ALTER TABLE " + tv + " DROP CONSTRAINT " + tv + "_id_idx");
                    st.execute("CREATE UNIQUE INDEX " + tv + "_id_idx ON " + tv + " (id)");
                }
            }
            CheckResult result = CheckerTests.run(session, CheckOptions.transactions(5, 600));
            assertThat(result.passed()).as("the checker must catch the immediate id index").isFalse();
            CheckFailure failure = result.failure().orElseThrow();
            assertThat(failure.kind()).as(failure.describe()).isEqualTo(CheckFailure.Kind.ENGINE_ERROR);
            assertThat(failure.error().orElseThrow()).contains("23505").contains("_id_idx");
        }
    }
}
