package dev.tviews.scenarios.engine;

import java.util.List;

/**
 * How a module above this one adds strategies to the {@link ReadModelEngines registry} without this module
 * knowing it: the module lists its provider in {@code META-INF/services/dev.tviews.scenarios.engine.ReadModelStrategyProvider}
 * and {@link java.util.ServiceLoader} finds it (e.g. the consistency checker's broken variants).
 */
public interface ReadModelStrategyProvider {

    List<ReadModelStrategy> strategies();
}
