package dev.tviews.scenarios.generate;

/** The text a value has in COPY's text format, unescaped: what PostgreSQL's input function sees. */
public final class CopyValues {

    private CopyValues() {
    }

    public static String text(Object value) {
        StringBuilder sb = new StringBuilder();
        CopyText.append(sb, value);
        return value instanceof String s ? s : sb.toString();
    }
}
