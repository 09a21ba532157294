package dev.tviews.checker.variants;

import dev.tviews.scenarios.engine.ReadModelStrategy;
import dev.tviews.scenarios.engine.ReadModelStrategyProvider;

import java.util.List;

/**
 * The catalogue's broken variants as strategies of the registry, under their own names, so that
 * {@code check --strategy VARIANT} and a failure's replay command resolve them. Listed in
 * {@code META-INF/services}; the registry finds it, nothing registers at run time.
 */
public final class VariantStrategies implements ReadModelStrategyProvider {

    @Override
    public List<ReadModelStrategy> strategies() {
        return VariantCatalogue.all().stream()
                .map(v -> ReadModelStrategy.brokenOnPurpose(v.name(), () -> new VariantEngine(v)))
                .toList();
    }
}
