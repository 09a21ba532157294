package dev.tviews.scenarios.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one registry of strategies: one name each, the name an engine gives itself, and a useful refusal. */
class ReadModelEnginesTest {

    @Test
    void everyStrategyCallsItselfByItsRegistryName() {
        assertThat(ReadModelEngines.allNames()).contains("none", "hand-written", "refresh-mv", "refresh-mv-concurrently",
                "tviews-statement", "tviews-row", "tviews-statement-batched", "tviews-row-batched", "pg-ivm");
        for (String name : ReadModelEngines.allNames()) {
            assertThat(ReadModelEngines.byName(name).name()).as("the engine registered as " + name).isEqualTo(name);
        }
    }

    @Test
    void theExtensionsSpellingIsTheSameStrategy() {
        assertThat(ReadModelEngines.byName("pg_ivm")).isInstanceOf(PgIvmReadModels.class);
        assertThat(ReadModelEngines.byName(" Tviews_Row ").name()).isEqualTo("tviews-row");
        assertThat(ReadModelEngines.names()).contains("pg-ivm").doesNotContain("pg_ivm");
    }

    @Test
    void anUnknownNameIsRefusedListingTheKnownOnes() {
        assertThat(ReadModelEngines.exists("nope")).isFalse();
        assertThatThrownBy(() -> ReadModelEngines.byName("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy 'nope'; known: " + String.join(", ", ReadModelEngines.names()))
                .hasMessageContaining("hand-written, none, pg-ivm, refresh-mv");
    }

    @Test
    void aNameOutsideItsOneSpellingCannotBeRegistered() {
        assertThatThrownBy(() -> ReadModelStrategy.of("pg_ivm", PgIvmReadModels::new))
                .hasMessageContaining("'pg_ivm' is not in its one spelling 'pg-ivm'");
    }
}
