package dev.tviews.reports.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fragment of HTML that is safe to put in a page: it was built from escaped text or from the report's
 * own templates. Benchmark names, params, settings and file contents can only enter as {@link #text},
 * which escapes them and masks credentials, so nothing from a results folder can inject markup.
 */
public final class Html {
    public static final Html EMPTY = new Html("");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> VOID_ELEMENTS = Set.of("br", "img", "meta", "hr", "col", "wbr");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /** Text from anywhere: escaped, with credentials masked. */
    public static Html text(String text) {
        return text == null ? EMPTY : new Html(escape(Redactor.redact(text)));
    }

    /** The report's own markup (templates and the constants of this package); never data from a results folder. */
    static Html trusted(String markup) {
        return new Html(markup);
    }

    public static Html join(Collection<Html> parts) {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.markup));
        return new Html(sb.toString());
    }

    public static Html join(Html... parts) {
        return join(Arrays.asList(parts));
    }

    public static Element el(String tag) {
        return new Element(tag);
    }

    /** {@code <tag>text</tag>}. */
    public static Html el(String tag, String text) {
        return new Element(tag).text(text).build();
    }

    public boolean isEmpty() {
        return markup.isEmpty();
    }

    @Override
    public String toString() {
        return markup;
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Builds one element; attribute values are escaped, tag and attribute names must be plain words. */
    public static final class Element {
        private final String tag;
        private final StringBuilder attributes = new StringBuilder();
        private final List<Html> children = new ArrayList<>();

        private Element(String tag) {
            this.tag = checkName(tag);
        }

        public Element attr(String name, String value) {
            if (value != null) {
                attributes.append(' ').append(checkName(name)).append("=\"")
                        .append(escape(Redactor.redact(value))).append('"');
            }
            return this;
        }

        /** An embedded file as a {@code data:} URI; base64 needs no escaping and holds no text to mask. */
        public Element dataUri(String name, String mimeType, byte[] content) {
            attributes.append(' ').append(checkName(name)).append("=\"data:").append(escape(mimeType))
                    .append(";base64,").append(java.util.Base64.getEncoder().encodeToString(content)).append('"');
            return this;
        }

        public Element cls(String classes) {
            return attr("class", classes);
        }

        public Element add(Html... html) {
            children.addAll(Arrays.asList(html));
            return this;
        }

        public Element add(Collection<Html> html) {
            children.addAll(html);
            return this;
        }

        public Element text(String text) {
            children.add(Html.text(text));
            return this;
        }

        public Html build() {
            StringBuilder sb = new StringBuilder("<").append(tag).append(attributes).append('>');
            if (VOID_ELEMENTS.contains(tag)) {
                return new Html(sb.toString());
            }
            children.forEach(c -> sb.append(c.markup));
            return new Html(sb.append("</").append(tag).append('>').toString());
        }

        private static String checkName(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not an HTML name: " + name);
            }
            return name;
        }
    }
}
