package dev.tviews.scenarios.engine;

import java.util.function.Supplier;

/**
 * One entry of the {@link ReadModelEngines registry}: a strategy's one name and how to make it.
 *
 * @param name    the name users type and results folders carry, lower case with hyphens
 * @param factory a new instance per call (instances hold no per-transaction state, but callers may keep one)
 * @param broken  a deliberately broken strategy (the checker's variants): resolvable by name, but not
 *                listed among the strategies a user can measure
 */
public record ReadModelStrategy(String name, Supplier<ReadModelEngine> factory, boolean broken) {

    public ReadModelStrategy {
        if (!name.equals(ReadModelEngines.canonical(name))) {
            throw new IllegalArgumentException("strategy name '" + name + "' is not in its one spelling '"
                    + ReadModelEngines.canonical(name) + "' (lower case, hyphens): register it under that");
        }
    }

    public static ReadModelStrategy of(String name, Supplier<ReadModelEngine> factory) {
        return new ReadModelStrategy(name, factory, false);
    }

    public static ReadModelStrategy brokenOnPurpose(String name, Supplier<ReadModelEngine> factory) {
        return new ReadModelStrategy(name, factory, true);
    }
}
