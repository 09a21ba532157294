package dev.tviews.scenarios.yaml;

import dev.tviews.scenarios.model.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with where it was written, so that every message can point at the file. */
public sealed interface YamlNode {

    SourceLocation location();

    /** What a user would call this kind of value, for messages. */
    String kind();

    /** A key of a mapping, with its own location. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {
    }

    record MapNode(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar. {@code type} is what YAML made of it; {@code charOffset} is where its token starts
     * in the file (the quote or the {@code |} of a block scalar).
     */
    record Scalar(String text, Type type, SourceLocation location, int charOffset) implements YamlNode {
        public enum Type { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case DECIMAL -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "nothing (null)";
            };
        }
    }
}
