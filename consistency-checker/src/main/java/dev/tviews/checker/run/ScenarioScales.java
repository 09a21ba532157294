package dev.tviews.checker.run;

import dev.tviews.scenarios.model.Scale;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SourceLocation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scales for checking. Besides the scenario's own, {@code tiny} is derived from {@code small} (a
 * twentieth of each table, at least 3 rows) when the scenario does not define it: random writes on
 * few rows collide more often (the same parent, the same key), and the oracle is quicker.
 */
public final class ScenarioScales {

    public static final String TINY = "tiny";
    private static final int DIVISOR = 20;
    private static final int MINIMUM = 3;

    private ScenarioScales() {
    }

    /** {@code scenario}, with a derived {@code tiny} scale added when that is what was asked for and it lacks one. */
    public static Scenario withScale(Scenario scenario, String scale) {
        if (scenario.scale(scale).isPresent() || !scale.equals(TINY)) {
            if (scenario.scale(scale).isEmpty()) {
                throw new IllegalArgumentException("--scale " + scale + ": scenario " + scenario.name() + " has no scale '"
                        + scale + "': use one of " + String.join(", ", scenario.scales().keySet()) + " or " + TINY);
            }
            return scenario;
        }
        Scale small = scenario.scale("small").orElseThrow(() -> new IllegalArgumentException("scenario "
                + scenario.name() + " has neither a '" + TINY + "' nor a 'small' scale to derive it from: use one of "
                + String.join(", ", scenario.scales().keySet())));
        Map<String, Scale.RowCount> rows = new LinkedHashMap<>();
        small.rows().forEach((table, count) -> rows.put(table,
                new Scale.RowCount(Math.max(MINIMUM, count.rows() / DIVISOR), count.location())));
        Map<String, Scale> scales = new LinkedHashMap<>(scenario.scales());
        scales.put(TINY, new Scale(TINY, rows, SourceLocation.of(scenario.source())));
        return new Scenario(scenario.name(), scenario.description(), scenario.source(), scenario.seed(),
                scenario.schema(), scenario.tviews(), scenario.tables(), scales, scenario.operations(), scenario.reads());
    }
}
