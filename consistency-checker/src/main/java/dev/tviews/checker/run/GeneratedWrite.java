package dev.tviews.checker.run;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.workload.BoundOperation;

import java.util.List;
import java.util.Map;

/**
 * What the checker hands to a read-model strategy's hooks for each generated transaction: the
 * strategies are driven through the shared {@link dev.tviews.scenarios.engine.ReadModelEngine}
 * interface, whose hooks take a {@link BoundOperation}.
 */
public final class GeneratedWrite {

    /** The operation every generated transaction stands for: a write, with no statements of its own and no maintain. */
    public static final Operation OPERATION = new Operation("consistency-checker-transaction", Operation.Kind.WRITE,
            1, Map.of(), List.of(), List.of(), SourceLocation.of("consistency-checker"));

    private GeneratedWrite() {
    }

    /** A bound form of {@link #OPERATION} for the read models {@code tviews}. */
    public static BoundOperation bound(List<TviewDefinition> tviews) {
        return BoundOperation.unbound(OPERATION, tviews);
    }
}
