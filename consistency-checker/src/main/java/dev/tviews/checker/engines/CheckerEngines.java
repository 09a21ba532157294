package dev.tviews.checker.engines;

import dev.tviews.scenarios.engine.ReadModelEngines;

/** Registers the strategies the checker adds to the shared registry (pg_ivm, when its extension is available). */
public final class CheckerEngines {

    private static volatile boolean registered;

    private CheckerEngines() {
    }

    public static void registerAll() {
        if (!registered) {
            ReadModelEngines.register(PgIvmReadModels.NAME, PgIvmReadModels::new);
            registered = true;
        }
    }
}
