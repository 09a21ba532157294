package dev.tviews.engine.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQL resource file with {@code {{name}}} placeholders, all of which must be filled: the engine's
 * one loader of the SQL it runs and generates, so that SQL lives in {@code .sql} files, not in Java.
 */
public final class SqlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final String name;
    private final String text;

    private SqlTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code dev/tviews/engine/sql/<file>} from the class path, as it is. */
    public static SqlTemplate load(String file) {
        return new SqlTemplate(file, read(file));
    }

    /**
     * Loads a statement: the file without its leading {@code --} comment lines (which say why it is
     * written so) and without its final newline, so that the text sent is exactly the SQL.
     */
    public static SqlTemplate statement(String file) {
        String text = withoutHeader(read(file));
        return new SqlTemplate(file, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }

    /** Loads lines of generated code: the file without its leading {@code --} comment lines, each line kept whole. */
    public static SqlTemplate lines(String file) {
        return new SqlTemplate(file, withoutHeader(read(file)));
    }

    private static String withoutHeader(String text) {
        String rest = text;
        while (rest.startsWith("--")) {
            int nl = rest.indexOf('\n');
            rest = nl < 0 ? "" : rest.substring(nl + 1);
        }
        return rest;
    }

    private static String read(String file) {
        String path = "/dev/tviews/engine/sql/" + file;
        try (InputStream in = SqlTemplate.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + path + " is missing from the engine jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read SQL resource " + path, e);
        }
    }

    public String text() {
        return text;
    }

    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("SQL template " + name + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
