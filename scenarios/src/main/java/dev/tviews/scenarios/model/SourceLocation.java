package dev.tviews.scenarios.model;

/** A place in a scenario file or a file it references; lines and columns count from 1. */
public record SourceLocation(String file, int line, int column) {

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
