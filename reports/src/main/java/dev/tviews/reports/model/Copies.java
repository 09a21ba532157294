package dev.tviews.reports.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Null-tolerant defensive copies: absent JSON arrays and objects become empty, null elements are dropped. */
final class Copies {
    private Copies() {
    }

    static <T> List<T> list(List<T> source) {
        if (source == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(source.size());
        source.stream().filter(Objects::nonNull).forEach(copy::add);
        return Collections.unmodifiableList(copy);
    }

    /** Keeps the writer's key order: it is the order a person reads them in. */
    static <V> Map<String, V> map(Map<String, V> source) {
        if (source == null) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
