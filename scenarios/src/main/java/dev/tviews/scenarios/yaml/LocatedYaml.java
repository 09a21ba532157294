package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.scenarios.model.SourceLocation;

import java.util.Map;

/**
 * A YAML document as Jackson's tree, with where each of its values (and each mapping key) was written,
 * indexed by JSON pointer ({@code /operations/2/weight}): the schema validator reports pointers, users
 * want file:line:column.
 */
public record LocatedYaml(String file, String text, JsonNode root, Map<String, Place> places) {

    /**
     * Where one value was written.
     *
     * @param value      where the value starts
     * @param key        where its key starts, for a mapping's value (the value's own place otherwise)
     * @param charOffset where the value's token starts in the text (the quote, or the {@code |} of a block)
     */
    public record Place(SourceLocation value, SourceLocation key, int charOffset) {
    }

    public LocatedYaml {
        places = Map.copyOf(places);
    }

    /** The value at {@code pointer}, or the nearest enclosing one that was written. */
    public Place place(String pointer) {
        String p = pointer;
        while (true) {
            Place place = places.get(p);
            if (place != null || p.isEmpty()) {
                return place != null ? place : new Place(SourceLocation.of(file), SourceLocation.of(file), 0);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    public SourceLocation at(String pointer) {
        return place(pointer).value();
    }

    /** Where the key of the value at {@code pointer} was written (a missing key: its mapping). */
    public SourceLocation keyAt(String pointer) {
        return places.containsKey(pointer) ? places.get(pointer).key() : at(pointer);
    }

    /** A pointer one step down: a mapping key (escaped as JSON Pointer wants) or a list index. */
    public static String child(String pointer, Object step) {
        return pointer + "/" + String.valueOf(step).replace("~", "~0").replace("/", "~1");
    }
}
