package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.SqlText;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML with Jackson's streaming parser into {@link YamlNode}s that remember their line and
 * column. (A tree of {@code JsonNode}s would lose them, and with them every useful error message.)
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String file;
    private final String text;

    private YamlReader(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The document's root; refuses malformed YAML and duplicate keys with their location. */
    public static YamlNode read(String file, String text) {
        YamlReader reader = new YamlReader(file, text);
        List<ScenarioProblem> problems = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new InvalidScenarioException(List.of(new ScenarioProblem(SourceLocation.of(file),
                        "the file is empty", "start from the example in docs/scenarios.md")));
            }
            YamlNode root = reader.node(p, problems);
            if (!problems.isEmpty()) {
                throw new InvalidScenarioException(problems);
            }
            return root;
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

    private YamlNode node(JsonParser p, List<ScenarioProblem> problems) throws IOException {
        JsonToken token = p.currentToken();
        SourceLocation location = location(p.currentTokenLocation());
        int offset = (int) p.currentTokenLocation().getCharOffset();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    SourceLocation keyLocation = location(p.currentTokenLocation());
                    p.nextToken();
                    YamlNode value = node(p, problems);
                    if (entries.containsKey(key)) {
                        problems.add(new ScenarioProblem(keyLocation, "'" + key + "' appears twice in this mapping (first at line "
                                + entries.get(key).keyLocation().line() + ")", "keep one of them"));
                    } else {
                        entries.put(key, new YamlNode.Entry(key, keyLocation, value));
                    }
                }
                return new YamlNode.MapNode(entries, location);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, problems));
                }
                return new YamlNode.ListNode(items, location);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Type.STRING, location, offset);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Type.INTEGER, location, offset);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Type.DECIMAL, location, offset);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Type.BOOLEAN, location, offset);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, location, offset);
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
    public static SqlText sqlText(String file, String fileText, YamlNode.Scalar scalar) {
        String sql = scalar.text() == null ? "" : scalar.text();
        int start = scalar.charOffset();
        char first = start >= 0 && start < fileText.length() ? fileText.charAt(start) : ' ';
        int line = scalar.location().line();
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
        int column = scalar.location().column() + (first == '"' || first == '\'' ? 1 : 0);
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
