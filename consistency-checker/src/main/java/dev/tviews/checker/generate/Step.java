package dev.tviews.checker.generate;

import java.util.Set;

/** One step of a workload: a transaction-control command, a statement, or a COPY with its data. */
public sealed interface Step permits Step.Control, Step.Statement, Step.Copy {

    StepKind kind();

    /** The SQL as executed and logged (one line). */
    String sql();

    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT. */
    record Control(StepKind kind, String sql) implements Step {
    }

    /**
     * A write statement.
     *
     * @param guarded   run inside a savepoint of its own, so that a refused statement leaves the transaction usable
     * @param writes    tables it writes directly (cascades come from the catalog)
     * @param insertOnly it only inserts, so nothing cascades
     */
    record Statement(StepKind kind, String sql, boolean guarded, Set<String> writes, boolean insertOnly) implements Step {
        public Statement {
            writes = Set.copyOf(writes);
        }
    }

    /** {@code COPY table (columns) FROM STDIN} with its rows in COPY text format, one per line. */
    record Copy(StepKind kind, String sql, String data, boolean guarded, Set<String> writes) implements Step {
        public Copy {
            writes = Set.copyOf(writes);
        }
    }
}
