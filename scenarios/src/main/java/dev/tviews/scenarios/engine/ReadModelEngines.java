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
    /** Other spellings accepted for a strategy, not listed by {@link #names()}. */
    private static final Map<String, String> ALIASES = new ConcurrentSkipListMap<>();

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
        // The checker used to spell it like the extension; both name the one adapter.
        ALIASES.put(PgIvmReadModels.ALIAS, PgIvmReadModels.NAME);
    }

    private ReadModelEngines() {
    }

    /** Adds or replaces a strategy, e.g. the engine's {@code tviews-statement} adapter. */
    public static void register(String name, Supplier<ReadModelEngine> factory) {
        FACTORIES.put(name, factory);
    }

    /** The registered name of {@code name}, which may be an alias ({@code pg_ivm} for {@code pg-ivm}). */
    public static String canonicalName(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /** A new instance of the strategy {@code name} (or of the strategy it is an alias of). */
    public static ReadModelEngine byName(String name) {
        Supplier<ReadModelEngine> factory = FACTORIES.get(canonicalName(name));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown read-model strategy '" + name + "': use one of " + names());
        }
        return factory.get();
    }

    public static List<String> names() {
        return new ArrayList<>(FACTORIES.keySet());
    }
}
