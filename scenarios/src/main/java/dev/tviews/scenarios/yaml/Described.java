package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.scenarios.validation.Suggestions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Places and values of a scenario file in the user's words, for messages: "parameter 'item' of an operation 'tag'". */
final class Described {

    static final List<String> GENERATOR_KINDS = List.of("key", "random", "text", "uuid", "sequence", "choice", "value");

    private static final Map<String, String> MISSING = Map.ofEntries(
            Map.entry("name", "add 'name:'"),
            Map.entry("schema", "add 'schema:' with the DDL inline or '- file: schema.sql'"),
            Map.entry("scales", "add 'scales:' with at least one named scale, e.g. 'small: { tb_item: 1000 }'"),
            Map.entry("key", "add 'key:' naming the column that identifies a row, e.g. 'key: pk_product', or a list of "
                    + "columns: 'key: [day, fk_category]'"),
            Map.entry("select", "add 'select:' with the defining SELECT"),
            Map.entry("weight", "add 'weight:' with a positive whole number"),
            Map.entry("sql", "add 'sql:' with its statements"),
            Map.entry("table", "add 'table: tb_…'"),
            Map.entry("file", "write '{ file: name.sql }'"));

    private Described() {
    }

    /** What the value at {@code pointer} is, e.g. "the generator of column 'name' of tb_item". */
    static String what(JsonNode root, String pointer) {
        String[] s = pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1);
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i].replace("~1", "/").replace("~0", "~");
        }
        if (s.length == 0) {
            return "the scenario";
        }
        String section = s[0];
        if (s.length == 1) {
            return "'" + section + "'";
        }
        JsonNode item = root.path(section).path(index(s[1]));
        switch (section) {
            case "schema" -> {
                return s.length == 2 ? "a schema entry" : "field '" + s[2] + "' of a schema entry";
            }
            case "tviews" -> {
                String tview = named("tview", item.path("name"));
                if (s.length == 2) {
                    return tview;
                }
                if (s[2].equals("options")) {
                    return s.length == 3 ? "the options of " + tview : "option '" + s[3] + "' of " + tview;
                }
                return "field '" + s[2] + "'" + (s.length > 3 ? " (item " + s[3] + ")" : "") + " of " + tview;
            }
            case "tables" -> {
                String table = named("a table entry", item.path("table"));
                if (s.length == 2) {
                    return table;
                }
                if (s[2].equals("columns") && s.length >= 4) {
                    return inGenerator("the generator of column '" + s[3] + "' of " + item.path("table").asText("?"), s, 4);
                }
                return "field '" + s[2] + "' of " + table;
            }
            case "operations", "reads" -> {
                String label = named(section.equals("reads") ? "a read" : "an operation", item.path("name"));
                if (s.length == 2) {
                    return label;
                }
                if (s[2].equals("params") && s.length >= 4) {
                    return inGenerator("parameter '" + s[3] + "' of " + label, s, 4);
                }
                if (s[2].equals("params")) {
                    return "'params' of " + label;
                }
                return "the " + s[2] + (s.length > 3 ? " (item " + s[3] + ")" : "") + " of " + label;
            }
            case "scales" -> {
                return s.length == 2 ? "scale '" + s[1] + "'" : "the row count of " + s[2] + " at scale '" + s[1] + "'";
            }
            default -> {
                return "field '" + String.join(".", s) + "'";
            }
        }
    }

    private static String inGenerator(String generator, String[] s, int at) {
        return s.length == at ? generator : generator + ", field '" + s[at] + "'";
    }

    private static String named(String what, JsonNode name) {
        return name.isTextual() ? what + " '" + name.asText() + "'" : what;
    }

    private static int index(String step) {
        try {
            return Integer.parseInt(step);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What a user would call this kind of value. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing (null)";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isIntegralNumber()) {
            return "an integer '" + node.asText() + "'";
        }
        if (node.isNumber()) {
            return "a number '" + node.asText() + "'";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "a string '" + node.asText() + "'";
    }

    /** The value of a schema's {@code type}, in words: "a string or a mapping". */
    static String types(JsonNode type) {
        List<String> words = new ArrayList<>();
        List<JsonNode> types = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(types::add);
        } else if (type != null) {
            types.add(type);
        }
        for (JsonNode t : types) {
            words.add(switch (t.asText()) {
                case "object" -> "a mapping (key: value lines)";
                case "array" -> "a list (lines starting with '- ')";
                case "integer" -> "a whole number";
                case "number" -> "a number";
                case "boolean" -> "true or false";
                case "null" -> "nothing";
                default -> "a string";
            });
        }
        return words.isEmpty() ? "of another type" : String.join(" or ", words);
    }

    /** How to write the value at {@code pointer} right. */
    static String example(String pointer) {
        if (pointer.matches("/(tables/\\d+/columns|(operations|reads)/\\d+/params)/[^/]+")) {
            return "write a generator such as { random: int, min: 1, max: 10 } (see 'Generators' in docs/scenarios.md)";
        }
        if (pointer.matches("/(schema/\\d+|tviews/\\d+/select|(operations|reads)/\\d+/(sql|maintain)(/\\d+)?)")) {
            return "write the SQL, or '{ file: name.sql }' with a path relative to the scenario file";
        }
        if (pointer.startsWith("/scales")) {
            return "write e.g. 'small: { tb_product: 1000 }'";
        }
        return "see the example in docs/scenarios.md";
    }

    static String fixForMissing(String field) {
        return MISSING.getOrDefault(field, "add '" + field + ":'");
    }

    /** For a refused number: what the schema allows, from the keyword and its bound. */
    static String range(String keyword, JsonNode bound) {
        String b = bound == null ? "?" : bound.asText();
        return switch (keyword) {
            case "minimum" -> "of " + b + " or more";
            case "exclusiveMinimum" -> "above " + b;
            case "maximum" -> "of at most " + b;
            default -> "in range";
        };
    }

    static String suggestion(String wrong, Set<String> candidates) {
        return Suggestions.didYouMean(wrong, candidates, 1);
    }
}
