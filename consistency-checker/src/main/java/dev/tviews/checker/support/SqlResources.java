package dev.tviews.checker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SQL kept in resource files next to the classes that run it, with {@code ${name}} placeholders. */
public final class SqlResources {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResources() {
    }

    /** The text of {@code name}, a resource relative to {@code owner}'s package. */
    public static String load(Class<?> owner, String name) {
        String path = owner.getPackageName().replace('.', '/') + "/" + name;
        return CACHE.computeIfAbsent(path, p -> {
            try (InputStream in = owner.getClassLoader().getResourceAsStream(p)) {
                if (in == null) {
                    throw new IllegalStateException("SQL resource " + p + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read SQL resource " + p, e);
            }
        });
    }

    /** {@code template} with each {@code ${key}} replaced; every placeholder must be given. */
    public static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        int left = out.indexOf("${");
        if (left >= 0) {
            throw new IllegalArgumentException("SQL template placeholder left unfilled near: "
                    + out.substring(left, Math.min(out.length(), left + 30)));
        }
        return out;
    }
}
