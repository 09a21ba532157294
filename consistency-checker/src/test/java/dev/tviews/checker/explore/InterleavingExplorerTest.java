package dev.tviews.checker.explore;

import dev.tviews.checker.CheckerTestAccess;
import dev.tviews.checker.junit.TviewsInterleavings;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The explorer on the catalogue's scenario, kept to a few permutations (CI's time budget): one
 * two-session race — a person renamed while another session makes that person a member of a
 * project — whose 6 orders the engine with its concurrency protocol off must fail and the correct
 * engine must pass (here through the JUnit API, in row mode), and one tiny script drawn from the
 * catalog on the correct engine.
 */
@ExtendWith(PostgresExtension.class)
class InterleavingExplorerTest {

    private static final List<String> RENAME = List.of("UPDATE tb_person SET name = 'renamed' WHERE pk_person = 1");
    private static final List<String> JOIN = List.of("INSERT INTO tb_membership (fk_project, fk_person) VALUES (1, 1)");
    private static final SessionScripts RACE = SessionScripts.committing("read committed", List.of(RENAME, JOIN));

    @BeforeAll
    static void variants() {
    }

    @Test
    void findsTheRaceWithoutTheLockingProtocolAndWritesItAsASpecAndAScript(PostgresServer server) throws Exception {
        ExploreResult result = new InterleavingExplorer(CheckerTestAccess.templates(server))
                .run(VariantHunt.target("broken-no-locking"), ExploreOptions.defaults(1), List.of(RACE));
        System.out.println(result.summary());
        assertThat(result.passed()).isFalse();
        assertThat(result.failure().orElseThrow()).contains("tv_project", "\"renamed\"");
        // Both statements ran before either commit: that is the race.
        String order = result.permutation().orElseThrow();
        assertThat(order.indexOf("s1a")).isLessThan(order.indexOf("s2b"));
        assertThat(order.indexOf("s2a")).isLessThan(order.indexOf("s1b"));

        String spec = result.spec().orElseThrow();
        assertThat(spec).contains("session s1", "session s2", "step s1a { UPDATE tb_person SET name = 'renamed'",
                "step s2b { COMMIT; }", "BEGIN ISOLATION LEVEL READ COMMITTED;", "permutation " + order + " stale_rows",
                "tviews migration", "tviews.locking = off");
        assertThat(bracesNested(spec)).as("isolationtester ends an SQL block at its first right brace").isFalse();

        Script script = result.script().orElseThrow();
        assertThat(script.sessions()).isEqualTo(2);
        assertThat(script.steps()).extracting(s -> s.session() + ":" + s.sql()).containsSubsequence(
                "1:BEGIN ISOLATION LEVEL READ COMMITTED", "2:BEGIN ISOLATION LEVEL READ COMMITTED");
        assertThat(script.text()).contains("tviews:sql breakage", "tviews:step 2");
    }

    @Test
    void theCorrectEnginePassesEveryOrderThroughTheJUnitApiAndNotWithoutLocking(PostgresServer server) throws Exception {
        try (CheckSession correct = CheckSession.open(CheckerTestAccess.templates(server), VariantHunt.target("tviews-row"));
             CheckSession broken = CheckSession.open(CheckerTestAccess.templates(server),
                     VariantHunt.target("broken-no-locking-row"))) {
            int run = TviewsInterleavings.assertFreshInEveryOrder(correct.database()::connect,
                    InterleavingExplorerTest::reset, "read committed", RENAME, JOIN);
            assertThat(run).isEqualTo(6);
            assertThatThrownBy(() -> TviewsInterleavings.assertFreshInEveryOrder(broken.database()::connect,
                    InterleavingExplorerTest::reset, "read committed", RENAME, JOIN))
                    .hasMessageContaining("read models are stale after permutation").hasMessageContaining("renamed");
        }
    }

    @Test
    void aScriptDrawnFromTheCatalogPassesOnTheCorrectEngine(PostgresServer server) throws Exception {
        ExploreResult result = new InterleavingExplorer(CheckerTestAccess.templates(server))
                .run(VariantHunt.target("tviews-statement"), ExploreOptions.defaults(3).withStatements(1).withScripts(1)
                        .withPermutations(4), InterleavingExplorer.Progress.NONE);
        System.out.println(result.summary());
        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
        assertThat(result.scripts()).isEqualTo(1);
        assertThat(result.permutations()).isEqualTo(4);
    }

    /** Undoes the race's two writes (through the engine's triggers, as a user's fixture would). */
    private static void reset(java.sql.Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM tb_membership WHERE pk_membership > 20");
            st.execute("UPDATE tb_person SET name = 'amber' WHERE pk_person = 1");
        }
    }

    /** Whether an SQL block of the spec holds a brace of its own (a block runs from '{' to the next '}'). */
    private static boolean bracesNested(String spec) {
        boolean inside = false;
        for (String line : spec.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            for (char ch : line.toCharArray()) {
                if (ch == '{') {
                    if (inside) {
                        return true;
                    }
                    inside = true;
                } else if (ch == '}') {
                    inside = false;
                }
            }
        }
        return inside;
    }
}
