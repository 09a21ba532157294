package dev.tviews.benchmarks.jmh.support;

import dev.tviews.engine.TriggerMode;
import dev.tviews.scenarios.engine.HandWrittenReadModels;
import dev.tviews.scenarios.engine.MaterializedViewReadModels;
import dev.tviews.scenarios.engine.NoReadModels;
import dev.tviews.scenarios.engine.PgIvmReadModels;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.engine.TviewsReadModels;

/**
 * A strategy of the {@link ReadModelEngines registry} as the JMH suites drive it: the registry's engine
 * creates the read models, and this says what a benchmark's write must do besides its own statements to keep
 * them fresh, since a benchmark's writes are not scenario operations: nothing (the engines' triggers), the
 * hand-written upsert in the transaction, or a {@code REFRESH MATERIALIZED VIEW} after the commit. Names come
 * from the registry only; what the suites must do follows from the kind of engine it returns.
 *
 * @param name   the strategy's name in the registry, also the JMH {@code strategy} param
 * @param family strategies of one family share read models, so they share prepared templates
 * @param mode         for the engine: its trigger mode
 * @param concurrently for materialized views: whether the refresh after commit is {@code CONCURRENTLY}
 */
public record Strategy(String name, Family family, TriggerMode mode, boolean concurrently) {

    public enum Family {
        /** No read model: the bare write. */
        NONE("n"),
        /** tviews' triggers, statement- or row-level: created in statement mode, switched per trial. */
        TVIEWS("tv"),
        /** The benchmark's own upsert of the definition restricted to the written keys, in the transaction. */
        HAND_WRITTEN("hw"),
        /** Materialized views refreshed after every committed write. */
        MATERIALIZED_VIEW("mv"),
        /** pg_ivm's immediately maintained views, when the server has the extension. */
        PG_IVM("ivm");

        private final String shortName;

        Family(String shortName) {
            this.shortName = shortName;
        }

        /** Part of database names, which PostgreSQL cuts at 63 bytes. */
        public String shortName() {
            return shortName;
        }
    }

    /** The strategy {@code name} of the registry (either spelling); refused when the JMH suites cannot drive it. */
    public static Strategy of(String name) {
        ReadModelEngine engine = ReadModelEngines.byName(name);
        if (engine instanceof NoReadModels) {
            return new Strategy(engine.name(), Family.NONE, null, false);
        }
        if (engine instanceof TviewsReadModels tv && !tv.batched()) {
            return new Strategy(engine.name(), Family.TVIEWS, tv.mode(), false);
        }
        if (engine instanceof HandWrittenReadModels) {
            return new Strategy(engine.name(), Family.HAND_WRITTEN, null, false);
        }
        if (engine instanceof MaterializedViewReadModels mv) {
            return new Strategy(engine.name(), Family.MATERIALIZED_VIEW, null, mv.concurrently());
        }
        if (engine instanceof PgIvmReadModels) {
            return new Strategy(engine.name(), Family.PG_IVM, null, false);
        }
        throw new IllegalArgumentException("strategy '" + name + "' is not one the JMH suites drive: use none, "
                + "tviews-statement, tviews-row, hand-written, refresh-mv, refresh-mv-concurrently or " + PgIvmReadModels.NAME
                + " (the load command runs every strategy)");
    }

    /**
     * The engine that creates the read models of this strategy's family for the family's shared template: one
     * engine per family (tviews in statement mode, switched per trial; materialized views as {@code refresh-mv},
     * since the concurrent refresh differs only after commits).
     */
    public ReadModelEngine creator() {
        return switch (family) {
            case TVIEWS -> new TviewsReadModels(TriggerMode.STATEMENT);
            case MATERIALIZED_VIEW -> new MaterializedViewReadModels(false);
            default -> ReadModelEngines.byName(name);
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

}
