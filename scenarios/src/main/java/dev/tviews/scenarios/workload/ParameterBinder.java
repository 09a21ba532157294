package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.generate.ValueGenerator;
import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.ParameterSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Draws an operation's parameters: values from generators, keys leased from the key pools. */
final class ParameterBinder {

    /** Numbers for {@code sequence:} parameters start far above row numbers a load writes. */
    static final long SEQUENCE_START = 1_000_000_000L;

    private final KeyPools pools;
    private final List<dev.tviews.scenarios.model.TviewDefinition> tviews;
    private final AtomicLong sequence = new AtomicLong(SEQUENCE_START);
    private final Map<ParameterSpec, ValueGenerator> generators = new ConcurrentHashMap<>();

    ParameterBinder(KeyPools pools, List<dev.tviews.scenarios.model.TviewDefinition> tviews) {
        this.pools = pools;
        this.tviews = List.copyOf(tviews);
    }

    BoundOperation bind(Operation op, SplittableRandom random) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        List<BoundOperation.Lease> leases = new ArrayList<>();
        long number = sequence.getAndIncrement();
        try {
            for (ParameterSpec p : op.params().values()) {
                types.put(p.name(), p.generator().sqlType());
                values.put(p.name(), draw(p, random, number, leases));
            }
        } catch (NoKeyException e) {
            leases.forEach(l -> l.pool().release(l.key(), l.exclusive()));
            throw e;
        }
        return new BoundOperation(op, tviews, values, types, leases, pools);
    }

    private Object draw(ParameterSpec p, SplittableRandom random, long number, List<BoundOperation.Lease> leases) {
        Generator g = p.generator();
        if (g instanceof Generator.Nullable n && n.inner() instanceof Generator.Key) {
            if (random.nextDouble() < n.probability()) {
                return null;
            }
            g = n.inner();
        }
        if (!(g instanceof Generator.Key k)) {
            return generators.computeIfAbsent(p, spec -> ValueGenerator.of(spec.generator())).next(random, number);
        }
        KeyPool pool = pools.pool(k.table());
        long[] keys = new long[k.count()];
        for (int i = 0; i < keys.length; i++) {
            OptionalLong key = OptionalLong.empty();
            // Distinct keys for count > 1: a key leased twice by the same operation is drawn again.
            for (int attempt = 0; attempt < 16 && key.isEmpty(); attempt++) {
                key = pool.lease(random, k.distribution(), k.delete());
                if (key.isPresent() && contains(keys, i, key.getAsLong())) {
                    pool.release(key.getAsLong(), k.delete());
                    key = OptionalLong.empty();
                }
            }
            if (key.isEmpty()) {
                if (i > 0 && pool.liveCount() <= i) {
                    return java.util.Arrays.copyOf(keys, i); // fewer keys left than asked for
                }
                throw new NoKeyException("no key of " + k.table() + " could be drawn for parameter '" + p.name() + "' ("
                        + pool.liveCount() + " live keys, the rest in use)");
            }
            keys[i] = key.getAsLong();
            leases.add(new BoundOperation.Lease(pool, keys[i], k.delete()));
        }
        return k.count() == 1 ? (Object) keys[0] : keys;
    }

    private static boolean contains(long[] keys, int n, long key) {
        for (int i = 0; i < n; i++) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }
}
