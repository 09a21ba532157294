package dev.tviews.scenarios.sql;

import java.util.ArrayList;
import java.util.List;

/** Splits a script into statements at top-level semicolons, keeping each one's offset for error positions. */
public final class SqlScript {

    /** One statement of a script and the offset of its first character in the script. */
    public record Part(String sql, int offset) {
    }

    private SqlScript() {
    }

    public static List<Part> split(String script) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        for (SqlScanner.Piece piece : SqlScanner.scan(script)) {
            if (piece.kind() == SqlScanner.Piece.Kind.SEMICOLON) {
                add(parts, script, start, piece.start());
                start = piece.end();
            }
        }
        add(parts, script, start, script.length());
        return parts;
    }

    private static void add(List<Part> parts, String script, int start, int end) {
        String text = script.substring(start, end);
        if (isBlank(text)) {
            return;
        }
        int lead = 0;
        while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
            lead++;
        }
        parts.add(new Part(text.substring(lead), start + lead));
    }

    /** Whitespace and comments only. */
    private static boolean isBlank(String text) {
        String rest = text.strip();
        while (!rest.isEmpty()) {
            if (rest.startsWith("--")) {
                int eol = rest.indexOf('\n');
                rest = eol < 0 ? "" : rest.substring(eol + 1).strip();
            } else if (rest.startsWith("/*")) {
                int end = rest.indexOf("*/");
                rest = end < 0 ? "" : rest.substring(end + 2).strip();
            } else {
                return false;
            }
        }
        return true;
    }
}
