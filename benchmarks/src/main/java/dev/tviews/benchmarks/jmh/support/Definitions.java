package dev.tviews.benchmarks.jmh.support;

import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.TviewDefinition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Read-model definitions of the bundled scenarios, so the benchmarks time the same definitions the load runs use. */
public final class Definitions {

    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();

    private Definitions() {
    }

    /** The named read models of the {@code ecommerce} scenario, in the scenario's (dependency) order. */
    public static List<TviewDefinition> ecommerce(String... names) {
        return of("ecommerce", names);
    }

    /** The named read models of the {@code social} scenario, in the scenario's (dependency) order. */
    public static List<TviewDefinition> social(String... names) {
        return of("social", names);
    }

    private static List<TviewDefinition> of(String scenario, String... names) {
        List<TviewDefinition> all = SCENARIOS.computeIfAbsent(scenario, BundledScenarios::load).tviews();
        List<String> wanted = List.of(names);
        List<TviewDefinition> chosen = all.stream().filter(t -> wanted.contains(t.name())).toList();
        if (chosen.size() != wanted.size()) {
            throw new IllegalArgumentException("Scenario " + scenario + " defines " + all.stream().map(TviewDefinition::name).toList()
                    + ", not all of " + wanted);
        }
        return chosen;
    }
}
