package dev.tviews.checker.variants;

import dev.tviews.scenarios.engine.ReadModelEngines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue reaches the registry through META-INF/services, and stays out of the lists users see. */
class VariantStrategiesTest {

    @Test
    void everyVariantResolvesByNameButIsNotListedAsAStrategy() {
        assertThat(VariantCatalogue.all()).isNotEmpty();
        for (BrokenVariant v : VariantCatalogue.all()) {
            assertThat(ReadModelEngines.byName(v.name())).as(v.name())
                    .isInstanceOfSatisfying(VariantEngine.class, e -> assertThat(e.variant()).isEqualTo(v));
            assertThat(ReadModelEngines.allNames()).contains(v.name());
            assertThat(ReadModelEngines.names()).doesNotContain(v.name());
        }
    }
}
