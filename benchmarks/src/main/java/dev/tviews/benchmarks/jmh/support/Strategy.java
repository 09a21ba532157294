package dev.tviews.benchmarks.jmh.support;

import dev.tviews.engine.TriggerMode;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;

/**
 * A read-model strategy as the JMH suites drive it: the {@link ReadModelEngine} of the same name creates
 * the read models, and this says what a benchmark's write must do besides its own statements to keep them
 * fresh, since a benchmark's writes are not scenario operations: nothing (the engines' triggers), the
 * hand-written upsert in the transaction, or a {@code REFRESH MATERIALIZED VIEW} after the commit.
 *
 * @param name   the strategy's name in {@link ReadModelEngines}, also the JMH {@code strategy} param
 * @param family strategies of one family share read models, so they share prepared templates
 * @param mode   for the engine: its trigger mode
 */
public record Strategy(String name, Family family, TriggerMode mode) {

    public enum Family {
        /** No read model: the bare write. */
        NONE("none", "n"),
        /** tviews' triggers, statement- or row-level. */
        TVIEWS("tviews-statement", "tv"),
        /** The benchmark's own upsert of the definition restricted to the written keys, in the transaction. */
        HAND_WRITTEN("hand-written", "hw"),
        /** Materialized views refreshed after every committed write. */
        MATERIALIZED_VIEW("refresh-mv", "mv"),
        /** pg_ivm's immediately maintained views, when the server has the extension. */
        PG_IVM("pg-ivm", "ivm");

        private final String creator;
        private final String shortName;

        Family(String creator, String shortName) {
            this.creator = creator;
            this.shortName = shortName;
        }

        /** The engine that creates this family's read models. */
        public ReadModelEngine creator() {
            return ReadModelEngines.byName(creator);
        }

        /** Part of database names, which PostgreSQL cuts at 63 bytes. */
        public String shortName() {
            return shortName;
        }
    }

    public static Strategy of(String name) {
        return switch (name) {
            case "none" -> new Strategy(name, Family.NONE, null);
            case "tviews-statement", "statement" -> new Strategy("tviews-statement", Family.TVIEWS, TriggerMode.STATEMENT);
            case "tviews-row", "row" -> new Strategy("tviews-row", Family.TVIEWS, TriggerMode.ROW);
            case "hand-written" -> new Strategy(name, Family.HAND_WRITTEN, null);
            case "refresh-mv", "refresh-mv-concurrently" -> new Strategy(name, Family.MATERIALIZED_VIEW, null);
            case "pg-ivm", "pg_ivm" -> new Strategy("pg-ivm", Family.PG_IVM, null);
            default -> throw new IllegalArgumentException("Unknown strategy '" + name + "': use none, tviews-statement, "
                    + "tviews-row, hand-written, refresh-mv, refresh-mv-concurrently or pg-ivm");
        };
    }

    public boolean hasReadModels() {
        return family != Family.NONE;
    }

    public boolean handWritten() {
        return family == Family.HAND_WRITTEN;
    }

    public boolean refreshesAfterCommit() {
        return family == Family.MATERIALIZED_VIEW;
    }

    public boolean concurrently() {
        return name.equals("refresh-mv-concurrently");
    }
}
