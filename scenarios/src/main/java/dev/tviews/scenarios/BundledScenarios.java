package dev.tviews.scenarios;

import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;

import java.util.List;

/**
 * The scenarios shipped in this module: {@code ecommerce}, {@code social}, and {@code peers}, whose read
 * models every peer (pg_ivm included) can maintain.
 */
public final class BundledScenarios {

    private BundledScenarios() {
    }

    public static List<String> names() {
        return List.of("ecommerce", "social", "peers", "analytics");
    }

    public static ScenarioSource source(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("No bundled scenario '" + name + "': use one of " + names() + " or a path to a scenario file");
        }
        return ScenarioSource.classpath("dev/tviews/scenarios/bundled/" + name + "/scenario.yaml");
    }

    public static Scenario load(String name) {
        return ScenarioReader.read(source(name));
    }
}
