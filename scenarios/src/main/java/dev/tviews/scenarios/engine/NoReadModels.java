package dev.tviews.scenarios.engine;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.util.List;

/** {@code none}: bare writes with no read model at all, the floor every strategy's write cost is compared with. */
public final class NoReadModels implements ReadModelEngine {

    @Override
    public String name() {
        return "none";
    }

    /** Writes only: reads query the read models, which do not exist here. */
    @Override
    public boolean supports(Operation operation) {
        return operation.isWrite();
    }

    @Override
    public void create(Connection connection, List<TviewDefinition> tviews) {
    }

    @Override
    public void drop(Connection connection, List<TviewDefinition> tviews) {
    }
}
