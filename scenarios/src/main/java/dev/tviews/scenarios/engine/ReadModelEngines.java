package dev.tviews.scenarios.engine;

import dev.tviews.engine.TriggerMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The one registry of read-model strategies, by name, for every command line, the JMH suites and
 * parameterised tests. The project's strategies are listed here; modules above this one add theirs through
 * a {@link ReadModelStrategyProvider} found by {@link ServiceLoader}, so nothing registers itself at run time
 * and this module never names a class of theirs. Immutable once loaded.
 */
public final class ReadModelEngines {

    /** The project's strategies, in one place. */
    private static final List<ReadModelStrategy> BUILT_IN = List.of(
            ReadModelStrategy.of("none", NoReadModels::new),
            ReadModelStrategy.of("hand-written", HandWrittenReadModels::new),
            ReadModelStrategy.of("refresh-mv", () -> new MaterializedViewReadModels(false)),
            ReadModelStrategy.of("refresh-mv-concurrently", () -> new MaterializedViewReadModels(true)),
            ReadModelStrategy.of("tviews-statement", () -> new TviewsReadModels(TriggerMode.STATEMENT)),
            ReadModelStrategy.of("tviews-row", () -> new TviewsReadModels(TriggerMode.ROW)),
            ReadModelStrategy.of("tviews-statement-batched", () -> new TviewsReadModels(TriggerMode.STATEMENT, true)),
            ReadModelStrategy.of("tviews-row-batched", () -> new TviewsReadModels(TriggerMode.ROW, true)),
            ReadModelStrategy.of(PgIvmReadModels.NAME, PgIvmReadModels::new));

    private ReadModelEngines() {
    }

    /** Loaded on first use: the built-in strategies and every provider's on the class path. */
    private static final class Loaded {
        static final Map<String, ReadModelStrategy> ALL = load();

        private static Map<String, ReadModelStrategy> load() {
            List<ReadModelStrategy> all = new ArrayList<>(BUILT_IN);
            for (ReadModelStrategyProvider provider : ServiceLoader.load(ReadModelStrategyProvider.class,
                    ReadModelEngines.class.getClassLoader())) {
                all.addAll(provider.strategies());
            }
            Map<String, ReadModelStrategy> byName = new TreeMap<>();
            for (ReadModelStrategy s : all) {
                if (byName.putIfAbsent(s.name(), s) != null) {
                    throw new IllegalStateException("two read-model strategies are named '" + s.name()
                            + "': rename one of them (strategy names are unique across modules)");
                }
            }
            return Collections.unmodifiableMap(byName);
        }
    }

    /** A new instance of the strategy {@code name}, in either spelling ({@code pg_ivm} is {@code pg-ivm}). */
    public static ReadModelEngine byName(String name) {
        ReadModelStrategy strategy = Loaded.ALL.get(canonical(name));
        if (strategy == null) {
            throw new IllegalArgumentException(unknown(name));
        }
        return strategy.factory().get();
    }

    /** Whether {@code name} (in either spelling) is a strategy, a deliberately broken one included. */
    public static boolean exists(String name) {
        return Loaded.ALL.containsKey(canonical(name));
    }

    /** Why {@code name} is not a strategy, listing the ones there are: "unknown strategy 'x'; known: a, b, c". */
    public static String unknown(String name) {
        return "unknown strategy '" + name + "'; known: " + String.join(", ", names());
    }

    /**
     * The one spelling of a strategy name: lower case with hyphens, so {@code pg_ivm} (the extension's name)
     * and {@code pg-ivm} are the same strategy.
     */
    public static String canonical(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The strategies a user can run and measure, sorted (without the checker's deliberately broken variants). */
    public static List<String> names() {
        return Loaded.ALL.values().stream().filter(s -> !s.broken()).map(ReadModelStrategy::name).toList();
    }

    /** Every name {@link #byName} resolves, the deliberately broken variants included, sorted. */
    public static List<String> allNames() {
        return List.copyOf(Loaded.ALL.keySet());
    }
}
