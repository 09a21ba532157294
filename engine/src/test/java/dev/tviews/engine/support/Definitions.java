package dev.tviews.engine.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TVIEW definitions from {@code tviews/<set>.sql}: blocks headed {@code -- name: tv_x}, in dependency order. */
public final class Definitions {

    private Definitions() {
    }

    public static Map<String, String> load(String set) {
        Map<String, String> result = new LinkedHashMap<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : TestDbExtension.resource("/tviews/" + set + ".sql").split("\n")) {
            if (line.startsWith("-- name:")) {
                if (name != null) {
                    result.put(name, body(lines));
                }
                name = line.substring("-- name:".length()).trim();
                lines.clear();
            } else if (!line.startsWith("--")) {
                lines.add(line);
            }
        }
        if (name != null) {
            result.put(name, body(lines));
        }
        return result;
    }

    private static String body(List<String> lines) {
        String text = String.join("\n", lines).trim();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }
}
