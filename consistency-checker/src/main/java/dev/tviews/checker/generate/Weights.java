package dev.tviews.checker.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * How often each kind of statement is drawn, and the shape of transactions. The defaults favour
 * single-row writes and keep the rare, destructive ones (TRUNCATE) rare.
 *
 * @param statements       relative weight per statement kind (control kinds are ignored)
 * @param autocommit       share of transactions that are one statement without BEGIN
 * @param rollback         share of explicit transactions that end in ROLLBACK
 * @param maxStatements    most statements in an explicit transaction
 * @param savepoint        chance, before each statement of an explicit transaction, to open a savepoint
 * @param guardRisky       chance that a statement which may be refused runs inside a savepoint of its own
 * @param partitions       chance that a write to a partitioned table names one of its partitions instead
 */
public record Weights(Map<StepKind, Double> statements, double autocommit, double rollback, int maxStatements,
                      double savepoint, double guardRisky, double partitions) {

    /** Half the writes to partitioned tables name a partition. */
    public Weights(Map<StepKind, Double> statements, double autocommit, double rollback, int maxStatements,
                   double savepoint, double guardRisky) {
        this(statements, autocommit, rollback, maxStatements, savepoint, guardRisky, 0.5);
    }

    public Weights {
        statements = Map.copyOf(statements);
        if (statements.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("at least one statement kind needs a positive weight");
        }
    }

    public static Weights defaults() {
        Map<StepKind, Double> w = new EnumMap<>(StepKind.class);
        w.put(StepKind.INSERT, 14.0);
        w.put(StepKind.INSERT_MANY, 4.0);
        w.put(StepKind.UPSERT, 3.0);
        w.put(StepKind.COPY, 2.5);
        w.put(StepKind.UPDATE, 18.0);
        w.put(StepKind.UPDATE_NOOP, 2.0);
        w.put(StepKind.UPDATE_KEY, 3.0);
        w.put(StepKind.UPDATE_MANY, 5.0);
        w.put(StepKind.DELETE, 9.0);
        w.put(StepKind.DELETE_MANY, 2.5);
        w.put(StepKind.WRITABLE_CTE, 2.5);
        w.put(StepKind.MERGE, 2.0);
        w.put(StepKind.TRUNCATE, 0.4);
        w.put(StepKind.FAIL_FOREIGN_KEY, 1.5);
        w.put(StepKind.FAIL_UNIQUE, 1.5);
        w.put(StepKind.FAIL_NOT_NULL, 0.7);
        w.put(StepKind.FAIL_RESTRICT, 0.7);
        w.put(StepKind.FAIL_LAST_ROW, 0.7);
        return new Weights(w, 0.2, 0.15, 12, 0.08, 0.7);
    }

    /** A copy with this share of autocommit transactions. */
    public Weights withAutocommit(double share) {
        return new Weights(statements, share, rollback, maxStatements, savepoint, guardRisky, partitions);
    }

    /** A copy in which writes to a partitioned table name one of its partitions with this chance. */
    public Weights withPartitions(double share) {
        return new Weights(statements, autocommit, rollback, maxStatements, savepoint, guardRisky, share);
    }

    /** A copy with {@code kind} drawn with {@code weight} (0 to leave it out). */
    public Weights with(StepKind kind, double weight) {
        Map<StepKind, Double> w = new EnumMap<>(statements);
        w.put(kind, weight);
        return new Weights(w, autocommit, rollback, maxStatements, savepoint, guardRisky, partitions);
    }
}
