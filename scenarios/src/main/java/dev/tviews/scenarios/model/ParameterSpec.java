package dev.tviews.scenarios.model;

/** A named parameter of an operation and the generator that binds it. */
public record ParameterSpec(String name, Generator generator, SourceLocation location) {
}
