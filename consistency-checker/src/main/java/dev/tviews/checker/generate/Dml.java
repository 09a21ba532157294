package dev.tviews.checker.generate;

import java.util.Set;

/**
 * A generated write before the generator decides how to run it.
 *
 * @param risky      PostgreSQL may refuse it (constraints the generator cannot foresee), so it is
 *                   worth running inside a savepoint
 * @param copyData   for COPY: the rows in COPY text format; null otherwise
 */
record Dml(StepKind kind, String sql, Set<String> writes, boolean insertOnly, boolean risky, String copyData) {

    static Dml of(StepKind kind, String sql, String table, boolean insertOnly, boolean risky) {
        return new Dml(kind, sql, Set.of(table), insertOnly, risky, null);
    }
}
