package dev.tviews.benchmarks.jmh.support;

import dev.tviews.engine.TriggerMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMH suites take their strategies from the registry and derive what a write must do from the engine. */
class StrategyTest {

    @Test
    void eachStrategyOfTheSuitesGetsItsFamily() {
        assertThat(Strategy.of("none")).isEqualTo(new Strategy("none", Strategy.Family.NONE, null, false));
        assertThat(Strategy.of("tviews-statement")).isEqualTo(new Strategy("tviews-statement", Strategy.Family.TVIEWS, TriggerMode.STATEMENT, false));
        assertThat(Strategy.of("tviews-row")).isEqualTo(new Strategy("tviews-row", Strategy.Family.TVIEWS, TriggerMode.ROW, false));
        assertThat(Strategy.of("hand-written").handWritten()).isTrue();
        assertThat(Strategy.of("refresh-mv")).satisfies(s -> {
            assertThat(s.refreshesAfterCommit()).isTrue();
            assertThat(s.concurrently()).isFalse();
        });
        assertThat(Strategy.of("refresh-mv-concurrently").concurrently()).isTrue();
        assertThat(Strategy.of("pg_ivm")).isEqualTo(new Strategy("pg-ivm", Strategy.Family.PG_IVM, null, false));
    }

    @Test
    void unknownAndUndrivableStrategiesAreRefused() {
        assertThatThrownBy(() -> Strategy.of("statement")).hasMessageStartingWith("unknown strategy 'statement'; known: ");
        assertThatThrownBy(() -> Strategy.of("tviews-row-batched")).hasMessageContaining("not one the JMH suites drive");
    }
}
