package dev.tviews.benchmarks.jmh.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL kept in {@code dev/tviews/benchmarks/sql/*.sql}. The files are this module's own: statements
 * end with a semicolon at the end of a line, and comment lines start with {@code --}.
 */
public final class SqlResource {

    private SqlResource() {
    }

    /** The whole file without its comment lines. */
    public static String text(String name) {
        String path = "/dev/tviews/benchmarks/sql/" + name;
        try (InputStream in = SqlResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + path + " is missing from the benchmarks jar; rebuild it");
            }
            StringBuilder out = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.stripLeading().startsWith("--")) {
                    out.append(line).append('\n');
                }
            }
            return out.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read SQL resource " + path, e);
        }
    }

    /** The file's statements, without their final semicolons. */
    public static List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        for (String s : text(name).split(";\\s*\n")) {
            String t = s.strip();
            if (t.endsWith(";")) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
