package dev.tviews.checker.run;

import dev.tviews.checker.oracle.OracleReport;

import java.util.Optional;

/**
 * Why a run stopped.
 *
 * @param transaction the transaction it happened in (1-based; 0 before the first)
 * @param where       when, e.g. "after statement 3 of transaction 17"
 * @param statement   the last statement executed before it, if any
 * @param report      the oracle's findings, for {@link Kind#STALE}
 * @param error       the error, for the other kinds
 */
public record CheckFailure(Kind kind, long transaction, String where, Optional<String> statement,
                           Optional<OracleReport> report, Optional<String> error) {

    public enum Kind {
        /** The oracle found read-model rows that differ from their definition. */
        STALE("read models are stale"),
        /**
         * The engine raised an error on a write that PostgreSQL's constraints accept. (If a
         * definition cannot be evaluated on the data — division by zero, overflow, a failing
         * cast — refusing is right: make the definition total, or constrain the data.)
         */
        ENGINE_ERROR("the engine refused a valid write (unless the definition itself cannot be evaluated on the data it writes)"),
        /** The strategy's work after COMMIT failed. */
        AFTER_COMMIT_ERROR("the strategy's after-commit work failed"),
        /** A statement failed with an error that is neither a constraint nor a data error, and the engine is not named in it. */
        UNEXPECTED_ERROR("a statement failed unexpectedly"),
        /** The oracle itself could not run (e.g. the definition fails on the data). */
        ORACLE_ERROR("the oracle could not run");

        private final String headline;

        Kind(String headline) {
            this.headline = headline;
        }

        public String headline() {
            return headline;
        }
    }

    /** Several lines: what, when, after which statement, and the oracle's diff or the error. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind.headline()).append(' ').append(where);
        statement.ifPresent(s -> sb.append("\n  last statement: ").append(s.length() > 400 ? s.substring(0, 400) + "…" : s));
        report.ifPresent(r -> sb.append("\n  ").append(r.describe().replace("\n", "\n  ")));
        error.ifPresent(e -> sb.append("\n  error: ").append(e));
        return sb.toString();
    }
}
