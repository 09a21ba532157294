package dev.tviews.scenarios.engine;

import dev.tviews.engine.TriggerMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/** Strategies by name, for the command line and parameterised tests. Other modules register theirs. */
public final class ReadModelEngines {

    private static final Map<String, Supplier<ReadModelEngine>> FACTORIES = new ConcurrentSkipListMap<>();

    static {
        register("none", NoReadModels::new);
        register("hand-written", HandWrittenReadModels::new);
        register("refresh-mv", () -> new MaterializedViewReadModels(false));
        register("refresh-mv-concurrently", () -> new MaterializedViewReadModels(true));
        register("tviews-statement", () -> new TviewsReadModels(TriggerMode.STATEMENT));
        register("tviews-row", () -> new TviewsReadModels(TriggerMode.ROW));
        register("tviews-statement-batched", () -> new TviewsReadModels(TriggerMode.STATEMENT, true));
        register("tviews-row-batched", () -> new TviewsReadModels(TriggerMode.ROW, true));
        register(PgIvmReadModels.NAME, PgIvmReadModels::new);
    }

    private ReadModelEngines() {
    }

    /** Adds or replaces a strategy, e.g. the engine's {@code tviews-statement} adapter. */
    public static void register(String name, Supplier<ReadModelEngine> factory) {
        FACTORIES.put(name, factory);
    }

    /** A new instance of the strategy {@code name} (or of the strategy it is an alias of). */
    public static ReadModelEngine byName(String name) {
        Supplier<ReadModelEngine> factory = FACTORIES.get(canonical(name));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown read-model strategy '" + name + "': use one of " + names());
        }
        return factory.get();
    }

    /**
     * The one spelling of a strategy name: lower case with hyphens, so {@code pg_ivm} (the extension's name)
     * and {@code pg-ivm} are the same strategy.
     */
    public static String canonical(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static List<String> names() {
        return new ArrayList<>(FACTORIES.keySet());
    }
}
