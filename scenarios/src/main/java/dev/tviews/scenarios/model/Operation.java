package dev.tviews.scenarios.model;

import java.util.List;
import java.util.Map;

/**
 * A weighted unit of work run as one transaction: its statements in order, then (for the
 * hand-written strategy) its {@code maintain} statements, with the same parameters.
 *
 * @param params   named parameters, drawn once per transaction
 * @param maintain the hand-written statements that bring the read models up to date for exactly this
 *                 write, in the same transaction; empty if none was given
 */
public record Operation(String name, Kind kind, int weight, Map<String, ParameterSpec> params,
                        List<Statement> statements, List<Statement> maintain, SourceLocation location) {

    /** Writes change {@code tb_*} tables; reads query the read models. */
    public enum Kind { WRITE, READ }

    public Operation {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        statements = List.copyOf(statements);
        maintain = List.copyOf(maintain);
    }

    public boolean isWrite() {
        return kind == Kind.WRITE;
    }

    public boolean hasMaintain() {
        return !maintain.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
