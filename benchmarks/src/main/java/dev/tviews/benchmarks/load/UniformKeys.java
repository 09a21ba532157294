package dev.tviews.benchmarks.load;

import dev.tviews.scenarios.model.Distribution;
import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.ParameterSpec;
import dev.tviews.scenarios.model.Scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario whose operations draw every key parameter uniformly: the contention-free variant of a mix,
 * to separate an engine's cost from its behaviour on hot keys. Only the workload changes; the loaded
 * data (who has how many children) stays as the scenario generates it.
 */
final class UniformKeys {

    private UniformKeys() {
    }

    static Scenario of(Scenario s) {
        return new Scenario(s.name(), s.description(), s.source(), s.seed(), s.schema(), s.tviews(), s.tables(),
                s.scales(), uniform(s.operations()), uniform(s.reads()));
    }

    private static List<Operation> uniform(List<Operation> operations) {
        return operations.stream().map(UniformKeys::uniform).toList();
    }

    private static Operation uniform(Operation op) {
        Map<String, ParameterSpec> params = new LinkedHashMap<>();
        op.params().forEach((name, p) -> params.put(name, new ParameterSpec(p.name(), uniform(p.generator()), p.location())));
        return new Operation(op.name(), op.kind(), op.weight(), params, op.statements(), op.maintain(), op.location());
    }

    private static Generator uniform(Generator g) {
        if (g instanceof Generator.Key k && k.distribution() instanceof Distribution.Zipf) {
            return new Generator.Key(k.table(), new Distribution.Uniform(), k.count(), k.delete());
        }
        if (g instanceof Generator.Nullable n) {
            return new Generator.Nullable(uniform(n.inner()), n.probability());
        }
        return g;
    }
}
