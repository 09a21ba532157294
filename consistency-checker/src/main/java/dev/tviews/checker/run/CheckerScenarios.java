package dev.tviews.checker.run;

import dev.tviews.checker.variants.VariantHunt;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios {@code check --scenario NAME} knows by name: the bundled case studies, and the
 * checker's own — the broken-variant catalogue's and one without foreign keys. Anything else is
 * the path of a scenario file.
 */
public final class CheckerScenarios {

    public static final String VARIANTS = "variants";
    public static final String NO_FOREIGN_KEYS = "no-foreign-keys";

    private static final String NO_FOREIGN_KEYS_RESOURCE = "dev/tviews/checker/scenarios/no-foreign-keys.yaml";

    private CheckerScenarios() {
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>(BundledScenarios.names());
        out.add(VARIANTS);
        out.add(NO_FOREIGN_KEYS);
        return out;
    }

    /** A scenario by name, or read from the file {@code nameOrPath}. */
    public static Scenario load(String nameOrPath) {
        if (BundledScenarios.names().contains(nameOrPath)) {
            return BundledScenarios.load(nameOrPath);
        }
        return switch (nameOrPath) {
            case VARIANTS -> VariantHunt.scenario();
            case NO_FOREIGN_KEYS -> ScenarioReader.read(ScenarioSource.classpath(NO_FOREIGN_KEYS_RESOURCE));
            default -> ScenarioReader.read(Path.of(nameOrPath));
        };
    }
}
