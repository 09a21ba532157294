package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.tviews.scenarios.validation.ScenarioProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shipped {@code scenario.schema.json}, run on every scenario file as it is read: the one statement of the
 * file's structure (fields, types, ranges, enumerations). Each violation becomes a {@link ScenarioProblem} at the
 * file:line:column of the value (or key) its JSON pointer names, said in the user's terms.
 */
public final class ScenarioSchema {

    /** The schema on the class path, also for tools that show or ship it. */
    public static final String RESOURCE = "/scenario.schema.json";

    private static final Schema SCHEMA = load();

    private ScenarioSchema() {
    }

    private static Schema load() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: rebuild the scenarios module");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation of the schema in {@code yaml}, in file order; empty when it conforms. */
    public static List<ScenarioProblem> check(LocatedYaml yaml) {
        Set<ScenarioProblem> problems = new LinkedHashSet<>();
        for (Error error : SCHEMA.validate(yaml.root())) {
            // "Exactly one kind" means nothing for a generator that is not a mapping: its type error says it all.
            if ("oneOf".equals(error.getKeyword()) && !yaml.root().at(pointer(error.getInstanceLocation())).isObject()) {
                continue;
            }
            problems.add(problem(yaml, error));
        }
        List<ScenarioProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((ScenarioProblem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return sorted;
    }

    private static ScenarioProblem problem(LocatedYaml yaml, Error error) {
        String pointer = pointer(error.getInstanceLocation());
        JsonNode node = yaml.root().at(pointer);
        String what = Described.what(yaml.root(), pointer);
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode bound = keywordValue(error);
        switch (keyword) {
            case "additionalProperties" -> {
                String field = error.getProperty() != null ? error.getProperty() : String.valueOf(args[0]);
                Set<String> allowed = allowedFields(error);
                return new ScenarioProblem(yaml.keyAt(LocatedYaml.child(pointer, field)), "unknown field '" + field + "' in " + what,
                        Described.suggestion(field, allowed) + (allowed.isEmpty() ? "remove it"
                                : "the fields of " + what + " are: " + String.join(", ", allowed)));
            }
            case "required" -> {
                String field = error.getProperty() != null ? error.getProperty() : String.valueOf(args[0]);
                return new ScenarioProblem(yaml.at(pointer), what + " has no '" + field + "'", Described.fixForMissing(field));
            }
            case "type" -> {
                return new ScenarioProblem(yaml.at(pointer), what + " must be " + Described.types(bound)
                        + ", not " + Described.kind(node), Described.example(pointer));
            }
            case "minimum", "exclusiveMinimum", "maximum" -> {
                if (pointer.endsWith("/weight")) {
                    return new ScenarioProblem(yaml.at(pointer), "the weight of " + Described.what(yaml.root(), parent(pointer))
                            + " is " + node.asText() + ", but weights must be positive",
                            "use a whole number of 1 or more, or remove the operation");
                }
                return new ScenarioProblem(yaml.at(pointer), what + " is " + node.asText() + ", out of range",
                        "use a value " + Described.range(keyword, bound));
            }
            case "enum", "const" -> {
                if (pointer.matches("/(operations|reads)/\\d+/params/[^/]+/distribution") && node.asText().equals("fixed")) {
                    return new ScenarioProblem(yaml.at(pointer), Described.what(yaml.root(), parent(pointer))
                            + ": distribution 'fixed' only applies to loading tables", "use uniform or zipf for operation parameters");
                }
                Set<String> values = new LinkedHashSet<>();
                if (bound.isArray()) {
                    bound.forEach(v -> values.add(v.asText()));
                } else {
                    values.add(bound.asText());
                }
                return new ScenarioProblem(yaml.at(pointer), what + ": unknown value '" + node.asText() + "'",
                        Described.suggestion(node.asText(), values) + "use " + String.join(", ", values));
            }
            case "minLength", "minItems", "minProperties" -> {
                return new ScenarioProblem(yaml.at(pointer), what + " is empty", pointer.matches("/schema/\\d+")
                        ? "write '- file: schema.sql' or '- sql: CREATE TABLE …'" : "give it a value, or remove it");
            }
            case "maxProperties" -> {
                return new ScenarioProblem(yaml.at(pointer), what + " needs exactly one of 'file' or 'sql'",
                        "write '- file: schema.sql' or '- sql: CREATE TABLE …'");
            }
            case "oneOf" -> {
                List<String> kinds = new ArrayList<>();
                node.fieldNames().forEachRemaining(f -> {
                    if (Described.GENERATOR_KINDS.contains(f)) {
                        kinds.add(f);
                    }
                });
                return new ScenarioProblem(yaml.at(pointer), what + (kinds.isEmpty() ? " names no kind" : " names several kinds " + kinds),
                        "give exactly one of: " + String.join(", ", Described.GENERATOR_KINDS));
            }
            case "pattern" -> {
                return new ScenarioProblem(yaml.at(pointer), what + " '" + node.asText() + "' has no %d",
                        "put %d where the number goes, e.g. 'user-%d'");
            }
            case "uniqueItems" -> {
                return new ScenarioProblem(yaml.at(pointer), what + " lists a column twice", "list each key column once");
            }
            default -> {
                return new ScenarioProblem(yaml.at(pointer), what + " " + error.getMessage(), "see docs/scenarios.md");
            }
        }
    }

    /** The fields a mapping may have: the {@code properties} next to the {@code additionalProperties: false} that refused one. */
    private static Set<String> allowedFields(Error error) {
        Set<String> fields = new LinkedHashSet<>();
        JsonNode parent = parentSchema(error);
        if (parent != null && parent.has("properties")) {
            parent.get("properties").fieldNames().forEachRemaining(fields::add);
        }
        return fields;
    }

    /** The value of the keyword that refused, read from the schema's text at the error's schema location. */
    private static JsonNode keywordValue(Error error) {
        return Holder.TEXT.at(pointer(error.getSchemaLocation().getFragment()));
    }

    private static JsonNode parentSchema(Error error) {
        // The schema location ends in .../additionalProperties; its parent holds "properties".
        NodePath fragment = error.getSchemaLocation().getFragment();
        String parent = pointer(fragment.getParent() == null ? fragment : fragment.getParent());
        return Holder.TEXT.at(parent);
    }

    private static final class Holder {
        static final JsonNode TEXT = read();

        private static JsonNode read() {
            try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String pointer(NodePath path) {
        String pointer = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer = LocatedYaml.child(pointer, path.getElement(i));
        }
        return pointer;
    }

    static String parent(String pointer) {
        return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }
}
