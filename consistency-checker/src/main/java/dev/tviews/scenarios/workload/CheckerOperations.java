package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.TviewDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consistency checker runs transactions it generated itself, not scenario operations, but
 * drives read-model strategies through the one shared {@link dev.tviews.scenarios.engine.ReadModelEngine}
 * interface, whose hooks take a {@link BoundOperation}. This bridge (in the scenarios module's
 * package, but shipped with the checker) makes one for "a write transaction with no parameters".
 * It exists because {@code BoundOperation} has no public constructor; a public factory in the
 * scenarios module would make it unnecessary.
 */
public final class CheckerOperations {

    /** The operation every generated transaction stands for: a write, with no statements of its own and no maintain. */
    public static final Operation GENERATED_WRITE = new Operation("consistency-checker-transaction", Operation.Kind.WRITE,
            1, Map.of(), List.of(), List.of(), SourceLocation.of("consistency-checker"));

    private CheckerOperations() {
    }

    /** A bound form of {@link #GENERATED_WRITE} for the read models {@code tviews}; it leases no keys. */
    public static BoundOperation generatedWrite(List<TviewDefinition> tviews) {
        return new BoundOperation(GENERATED_WRITE, tviews, Map.of(), Map.of(), new ArrayList<>(), null);
    }
}
