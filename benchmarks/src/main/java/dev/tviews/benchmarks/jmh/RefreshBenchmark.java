package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.ProductWrites;
import dev.tviews.benchmarks.jmh.support.Workspace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Incremental against full refresh: one committed single-row write to the e-commerce write model with
 * {@code tv_product} kept fresh by each strategy, at 1,000 to 1,000,000 products. The time of an
 * operation is the write, the strategy's maintenance and the commit (for the materialized views: the
 * refresh after it). The keys written come from a fixed seed, so every strategy writes the same rows.
 *
 * <p>Data stays near its scale however many operations an iteration runs, and never runs out: the
 * products {@link #singleRowDelete} deletes are inserted a small batch at a time, whenever the batch is
 * used up, and those {@link #singleRowInsert} inserts are deleted a batch at a time, both in the untimed
 * part of the invocation ({@link Batches}), through the strategy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RefreshBenchmark {

    /** Products in the data set (with five reviews each). */
    @Param({"1000", "10000", "100000"})
    public int scale;

    @Param({"tviews-statement", "tviews-row", "hand-written", "refresh-mv", "refresh-mv-concurrently", "none"})
    public String strategy;

    private Workspace ws;
    private ProductWrites writes;
    private final SplittableRandom random = new SplittableRandom(42);
    private final Deque<Long> spares = new ArrayDeque<>();
    private final Deque<Long> inserted = new ArrayDeque<>();

    /**
     * The trial this fork runs, for the helpers of {@link Batches}: JMH gives a state's helper that asks for the
     * benchmark's own state a separate instance, with a workspace of its own. A fork runs one trial at a time.
     */
    private static volatile RefreshBenchmark running;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), strategy, Definitions.ecommerce("tv_product"));
        writes = new ProductWrites(ws);
        // One write of each kind (the delete: of the product inserted), then the oracle: no number is taken
        // from a strategy that leaves rows stale. Three commits, as each is a full refresh for refresh-mv.
        singleRowUpdate();
        insertOne();
        removeInserted();
        ws.requireFresh("after a single-row update, insert and delete");
        running = this;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        running = null;
        removeInserted();
        ws.finishTrial(writes);
    }

    /** Products added or removed at once around the timed writes: a twentieth of the data set, 10 to 200. */
    int batch() {
        return Math.max(10, Math.min(200, scale / 20));
    }

    private void addSpares(int n) throws SQLException {
        for (long key : writes.insertProducts(n)) {
            spares.add(key);
        }
        ws.commit();
    }

    private void removeInserted() throws SQLException {
        if (inserted.isEmpty()) {
            return;
        }
        writes.deleteProducts(inserted.stream().mapToLong(Long::longValue).toArray());
        ws.commit();
        inserted.clear();
    }

    private void deleteSpare() throws SQLException {
        Long key = spares.poll();
        if (key == null) {
            // Batches refills before every invocation, so this is a bug of the benchmark, not of a strategy.
            throw new IllegalStateException("singleRowDelete found no spare product although Batches refills them "
                    + "before each invocation; check that singleRowDelete takes the Batches state");
        }
        writes.deleteProduct(key);
        ws.commit();
    }

    /**
     * The untimed work around each invocation of the insert and delete benchmarks. JMH times each
     * invocation on its own when a state has per-invocation helpers, which costs a few tens of
     * nanoseconds beside operations of a millisecond; the update benchmark does not take this state and
     * keeps JMH's plain timing loop.
     */
    @State(Scope.Thread)
    public static class Batches {

        /** Before a delete: a new batch of spare products when the last one is used up. */
        @Setup(Level.Invocation)
        public void refill() throws SQLException {
            RefreshBenchmark bench = running;
            if (bench.spares.isEmpty()) {
                bench.addSpares(bench.batch());
            }
        }

        /** After an insert: the inserted products deleted again once a batch of them piled up. */
        @TearDown(Level.Invocation)
        public void trim() throws SQLException {
            RefreshBenchmark bench = running;
            if (bench.inserted.size() >= bench.batch()) {
                bench.removeInserted();
            }
        }
    }

    /** Sets the price of one product: its tv_product row changes. */
    @Benchmark
    public void singleRowUpdate() throws SQLException {
        writes.updatePrice(1 + random.nextInt(scale), ProductWrites.price(random));
        ws.commit();
    }

    /** Inserts one product: tv_product gains a row. */
    @Benchmark
    public void singleRowInsert(Batches batches) throws SQLException {
        insertOne();
    }

    private void insertOne() throws SQLException {
        inserted.add(writes.insertProduct(random));
        ws.commit();
    }

    /** Deletes one product (inserted untimed before): tv_product loses a row. */
    @Benchmark
    public void singleRowDelete(Batches batches) throws SQLException {
        deleteSpare();
    }
}
