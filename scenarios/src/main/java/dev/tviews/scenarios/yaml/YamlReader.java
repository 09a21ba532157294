package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.SqlText;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML with Jackson's streaming parser into Jackson's tree, noting where each value and key was
 * written ({@link LocatedYaml}): a tree alone would lose the locations, and with them every useful message.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String file;
    private final Map<String, LocatedYaml.Place> places = new HashMap<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /** The document with its locations; refuses malformed YAML and duplicate keys with their location. */
    public static LocatedYaml read(String file, String text) {
        YamlReader reader = new YamlReader(file);
        List<ScenarioProblem> problems = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new InvalidScenarioException(List.of(new ScenarioProblem(SourceLocation.of(file),
                        "the file is empty", "start from the example in docs/scenarios.md")));
            }
            JsonNode root = reader.node(p, "", null, problems);
            if (!problems.isEmpty()) {
                throw new InvalidScenarioException(problems);
            }
            return new LocatedYaml(file, text, root, reader.places);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation where = at == null ? SourceLocation.of(file)
                    : new SourceLocation(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            throw new InvalidScenarioException(List.of(new ScenarioProblem(where,
                    "this is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "check the indentation and quoting around this place")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode node(JsonParser p, String pointer, SourceLocation keyLocation, List<ScenarioProblem> problems)
            throws IOException {
        JsonToken token = p.currentToken();
        SourceLocation location = location(p.currentTokenLocation());
        places.put(pointer, new LocatedYaml.Place(location, keyLocation == null ? location : keyLocation,
                (int) p.currentTokenLocation().getCharOffset()));
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    SourceLocation at = location(p.currentTokenLocation());
                    String child = LocatedYaml.child(pointer, key);
                    if (object.has(key)) {
                        problems.add(new ScenarioProblem(at, "'" + key + "' appears twice in this mapping (first at line "
                                + places.get(child).key().line() + ")", "keep one of them"));
                        p.nextToken();
                        p.skipChildren();
                        continue;
                    }
                    p.nextToken();
                    object.set(key, node(p, child, at, problems));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(p, LocatedYaml.child(pointer, array.size()), null, problems));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.numberNode(p.getBigIntegerValue())
                        : NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("Unexpected YAML token " + token + " at " + location);
        }
    }

    private SourceLocation location(JsonLocation at) {
        return new SourceLocation(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /**
     * SQL written as a YAML scalar, located character by character: in a block scalar ({@code |})
     * the text starts on the next line at the block's indentation; in a quoted or plain scalar it
     * starts right at (or one past) the token.
     */
    public static SqlText sqlText(LocatedYaml yaml, String pointer) {
        String file = yaml.file();
        String fileText = yaml.text();
        String sql = yaml.root().at(pointer).asText("");
        LocatedYaml.Place place = yaml.place(pointer);
        int start = place.charOffset();
        char first = start >= 0 && start < fileText.length() ? fileText.charAt(start) : ' ';
        int line = place.value().line();
        if (first == '|' || first == '>') {
            int eol = fileText.indexOf('\n', start);
            int contentLine = line + 1;
            int lineStart = eol < 0 ? fileText.length() : eol + 1;
            // Leading blank lines belong to the block; its indentation is that of the first non-blank line.
            int indent = 0;
            int probe = lineStart;
            while (probe < fileText.length()) {
                int end = fileText.indexOf('\n', probe);
                String l = fileText.substring(probe, end < 0 ? fileText.length() : end);
                if (!l.isBlank()) {
                    indent = l.length() - l.stripLeading().length();
                    break;
                }
                probe = end < 0 ? fileText.length() : end + 1;
            }
            int column = indent + 1;
            return new SqlText(sql, offset -> lineColumn(file, sql, offset, contentLine, column, true));
        }
        int column = place.value().column() + (first == '"' || first == '\'' ? 1 : 0);
        return new SqlText(sql, offset -> lineColumn(file, sql, offset, line, column, false));
    }

    private static SourceLocation lineColumn(String file, String text, int offset, int line, int column,
                                             boolean sameIndentEveryLine) {
        int l = line;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l++;
                lineStart = i + 1;
            }
        }
        int c = l == line ? column + offset : (sameIndentEveryLine ? column : 1) + offset - lineStart;
        return new SourceLocation(file, l, c);
    }
}
