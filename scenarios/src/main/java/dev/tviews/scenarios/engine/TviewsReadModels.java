package dev.tviews.scenarios.engine;

import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.TviewOptions;
import dev.tviews.engine.Tviews;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tviews-statement} and {@code tviews-row}: the engine's triggers keep the read models
 * fresh inside each write transaction, so nothing happens after the statements or the commit.
 * The {@code -batched} variants create every TVIEW with transaction batching on: keys are queued
 * and refreshed once, just before commit (no read-your-writes inside the transaction).
 */
public final class TviewsReadModels implements ReadModelEngine {

    /** The suffix of the strategies that batch. */
    public static final String BATCHED_SUFFIX = "-batched";

    private final TriggerMode mode;
    private final boolean batched;

    public TviewsReadModels(TriggerMode mode) {
        this(mode, false);
    }

    public TviewsReadModels(TriggerMode mode, boolean batched) {
        this.mode = mode;
        this.batched = batched;
    }

    public TriggerMode mode() {
        return mode;
    }

    /** Whether every TVIEW is created with transaction batching (refreshed just before commit). */
    public boolean batched() {
        return batched;
    }

    @Override
    public String name() {
        return "tviews-" + mode.sqlName() + (batched ? BATCHED_SUFFIX : "");
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        Tviews engine = Tviews.on(connection);
        engine.install();
        engine.setTriggerMode(mode);
        for (TviewDefinition t : tviews) {
            engine.create(new dev.tviews.engine.TviewDefinition(t.name(), t.select().sql(), options(t)));
        }
    }

    /**
     * Scenario options understood by the engine: {@code fullRefreshOnUntraceable: true}, {@code ginIndexOnData: true},
     * {@code uniqueId: true}.
     */
    private TviewOptions options(TviewDefinition t) {
        TviewOptions o = TviewOptions.defaults().withKeyColumns(t.keyColumns());
        if (batched) {
            o = o.withBatch();
        }
        if ("true".equalsIgnoreCase(t.options().get("fullRefreshOnUntraceable"))) {
            o = o.withFullRefreshOnUntraceable();
        }
        if ("true".equalsIgnoreCase(t.options().get("ginIndexOnData"))) {
            o = o.withGinIndexOnData();
        }
        if ("true".equalsIgnoreCase(t.options().get("uniqueId"))) {
            o = o.withUniqueId();
        }
        return o;
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        Tviews engine = Tviews.on(connection);
        List<TviewDefinition> reversed = new ArrayList<>(tviews);
        java.util.Collections.reverse(reversed);
        for (TviewDefinition t : reversed) {
            engine.drop(t.name());
        }
    }
}
