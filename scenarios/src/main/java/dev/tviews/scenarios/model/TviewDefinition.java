package dev.tviews.scenarios.model;

import java.util.Map;

/**
 * A read model: table {@code name} holds, one row per {@code key}, what {@code select} returns.
 * A definition may read the {@code tv_*} tables defined before it in the scenario.
 *
 * @param options free-form settings handed to the read-model engine; the bundled strategies ignore them
 */
public record TviewDefinition(String name, String key, SqlText select, Map<String, String> options,
                              SourceLocation location) {
    public TviewDefinition {
        options = Map.copyOf(options);
    }
}
