package dev.tviews.checker.run;

/**
 * When a strategy promises its read models are fresh, and so when the oracle runs.
 */
public enum CheckPoints {
    /**
     * Read-your-writes: after every statement inside the transaction, after ROLLBACK TO SAVEPOINT,
     * after COMMIT and after ROLLBACK (the tviews engine, pg_ivm's immediate maintenance).
     */
    EVERY_STATEMENT,
    /**
     * Only after COMMIT (and the strategy's after-commit work) and after ROLLBACK (REFRESH MATERIALIZED VIEW,
     * and the tviews engine with transaction batching, which refreshes just before commit).
     */
    AFTER_COMMIT;

    /**
     * What a strategy promises, by name: the checker's own table rather than a method on the
     * shared engine interface. Unknown strategies get the weaker promise; pass the points
     * explicitly ({@code --check-after statement}) for a strategy that maintains within the statement.
     */
    public static CheckPoints forEngine(String engine) {
        if (engine.endsWith(dev.tviews.scenarios.engine.TviewsReadModels.BATCHED_SUFFIX)) {
            return AFTER_COMMIT;
        }
        if (engine.startsWith("tviews-") || dev.tviews.scenarios.engine.PgIvmReadModels.named(engine)) {
            return EVERY_STATEMENT;
        }
        return AFTER_COMMIT;
    }

    public static CheckPoints parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "statement", "every-statement", "every_statement" -> EVERY_STATEMENT;
            case "commit", "after-commit", "after_commit" -> AFTER_COMMIT;
            default -> throw new IllegalArgumentException("unknown check points '" + text + "': use statement or commit");
        };
    }
}
