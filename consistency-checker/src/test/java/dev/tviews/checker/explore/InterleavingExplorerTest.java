package dev.tviews.checker.explore;

import dev.tviews.checker.CheckerTestAccess;
import dev.tviews.checker.variants.VariantEngine;
import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer on the catalogue's scenario, kept to a few permutations: one two-session race (a
 * person renamed while another session adds that person to a project) in all 6 orders of its
 * steps, which the engine with its concurrency protocol switched off must fail and the correct
 * engine must pass; and one small script drawn from the catalog.
 */
@ExtendWith(PostgresExtension.class)
class InterleavingExplorerTest {

    /** Session 1 renames person 1; session 2 makes person 1 a member of project 1. */
    private static final SessionScripts RACE = SessionScripts.committing("read committed", List.of(
            List.of("UPDATE tb_person SET name = 'renamed' WHERE pk_person = 1"),
            List.of("INSERT INTO tb_membership (fk_project, fk_person) VALUES (1, 1)")));

    @BeforeAll
    static void variants() {
        VariantEngine.registerAll();
    }

    @Test
    void findsTheRaceWithoutTheLockingProtocol(PostgresServer server) throws Exception {
        ExploreResult result = new InterleavingExplorer(CheckerTestAccess.templates(server))
                .run(VariantHunt.target("broken-no-locking"), ExploreOptions.defaults(1), List.of(RACE));
        System.out.println(result.summary());
        System.out.println(result.spec().orElse(""));
        assertThat(result.passed()).isFalse();
        assertThat(result.failure().orElseThrow()).contains("stale");
    }

    @Test
    void theCorrectEnginePassesEveryOrder(PostgresServer server) throws Exception {
        ExploreResult result = new InterleavingExplorer(CheckerTestAccess.templates(server))
                .run(VariantHunt.target("tviews-statement"), ExploreOptions.defaults(1), List.of(RACE));
        System.out.println(result.summary());
        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
        assertThat(result.permutations()).isEqualTo(6);
        assertThat(result.blocked()).isPositive();
    }
}
