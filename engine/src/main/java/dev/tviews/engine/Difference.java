package dev.tviews.engine;

/** A key whose tv_* row is missing, extra, or differs from what the definition returns now. */
public record Difference(String key, String problem) {
}
