package dev.tviews.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed scenario file: schema, read-model definitions, data volumes and the workload.
 *
 * @param source     the file it was read from, as named in messages
 * @param schema     DDL scripts run in order
 * @param tviews     read models in dependency order
 * @param tables     how tables are filled, in load order
 * @param scales     named data volumes
 * @param operations weighted writes
 * @param reads      weighted read queries
 */
public record Scenario(String name, String description, String source, long seed, List<SqlText> schema,
                       List<TviewDefinition> tviews, List<TableData> tables, Map<String, Scale> scales,
                       List<Operation> operations, List<Operation> reads) {

    public Scenario {
        schema = List.copyOf(schema);
        tviews = List.copyOf(tviews);
        tables = List.copyOf(tables);
        scales = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scales));
        operations = List.copyOf(operations);
        reads = List.copyOf(reads);
    }

    public Optional<Scale> scale(String scaleName) {
        return Optional.ofNullable(scales.get(scaleName));
    }

    public Optional<Operation> operation(String operationName) {
        return allOperations().stream().filter(o -> o.name().equals(operationName)).findFirst();
    }

    /** Writes, then reads. */
    public List<Operation> allOperations() {
        List<Operation> all = new ArrayList<>(operations);
        all.addAll(reads);
        return all;
    }

    public Optional<TableData> table(String table) {
        return tables.stream().filter(t -> t.table().equals(table)).findFirst();
    }

    /** A copy with {@code operation} in place of the operation of the same name. */
    public Scenario withOperation(Operation operation) {
        List<Operation> ops = new ArrayList<>();
        for (Operation o : operations) {
            ops.add(o.name().equals(operation.name()) ? operation : o);
        }
        return new Scenario(name, description, source, seed, schema, tviews, tables, scales, ops, reads);
    }
}
