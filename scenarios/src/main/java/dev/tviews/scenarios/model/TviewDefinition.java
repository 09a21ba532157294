package dev.tviews.scenarios.model;

import java.util.Map;

/**
 * A read model: table {@code name} holds, one row per {@code key}, what {@code select} returns.
 * A definition may read the {@code tv_*} tables defined before it in the scenario.
 *
 * @param key     the key column, or the columns of a composite key separated by ", " (see {@link #keyColumns()})
 * @param options free-form settings handed to the read-model engine; the bundled strategies ignore them
 */
public record TviewDefinition(String name, String key, SqlText select, Map<String, String> options,
                              SourceLocation location) {
    public TviewDefinition {
        options = Map.copyOf(options);
    }

    /** The key's columns, in order (one for a simple key). */
    public java.util.List<String> keyColumns() {
        return java.util.Arrays.stream(key.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }
}
