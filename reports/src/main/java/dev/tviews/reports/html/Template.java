package dev.tviews.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page kept as a resource file with {@code {{name}}} placeholders, filled with {@link Html} fragments.
 * Every placeholder must be filled and every value used, so a template and its code cannot drift apart silently.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z][a-z0-9-]*)}}");
    private static final String BASE = "/dev/tviews/reports/html/";

    private final String name;
    private final String source;

    private Template(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** A template from {@code src/main/resources/dev/tviews/reports/html/}. */
    public static Template load(String name) {
        return new Template(name, resource(name));
    }

    /** A resource of this package's folder inlined as is (the style sheet). */
    static Html inline(String name) {
        return Html.trusted(resource(name));
    }

    /** The report's style sheet, shared by every page. */
    public static Html stylesheet() {
        return inline("report.css");
    }

    public Html render(Map<String, Html> values) {
        Set<String> unused = new HashSet<>(values.keySet());
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() * 2);
        while (m.find()) {
            Html value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("Template " + name + " needs a value for {{" + m.group(1) + "}}");
            }
            unused.remove(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalStateException("Template " + name + " has no placeholder for " + unused);
        }
        return Html.trusted(out.toString());
    }

    private static String resource(String name) {
        try (InputStream in = Template.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + BASE + name + " is missing from the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + BASE + name, e);
        }
    }
}
