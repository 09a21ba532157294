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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Incremental against full refresh: one committed single-row write to the e-commerce write model with
 * {@code tv_product} kept fresh by each strategy, at 1,000 to 1,000,000 products. The time of an
 * operation is the write, the strategy's maintenance and the commit (for the materialized views: the
 * refresh after it). The keys written come from a fixed seed, so every strategy writes the same rows.
 *
 * <p>Data stays at its scale: products inserted by {@link #singleRowInsert} are deleted again after
 * each iteration, and {@link #singleRowDelete} deletes spare products inserted before each iteration
 * (five times as many as a calibration suggests), all through the strategy and not timed.
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
    private final ArrayDeque<Long> spares = new ArrayDeque<>();
    private final ArrayDeque<Long> inserted = new ArrayDeque<>();
    private double nanosPerDelete;
    private int deletesThisIteration;
    private int mostDeletesPerIteration;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), strategy, Definitions.ecommerce("tv_product"));
        writes = new ProductWrites(ws);
        // One write of each kind, then the oracle: no number is taken from a strategy that leaves rows stale.
        singleRowUpdate();
        singleRowInsert();
        if (params.getBenchmark().endsWith(".singleRowDelete")) {
            calibrateDeletes();
        }
        removeInserted();
        ws.requireFresh("after a single-row update, insert and delete");
    }

    /**
     * Times deletes of spare products, to know how many spares an iteration needs: the fastest of a few
     * rounds, since the first deletes of a fresh connection run far slower than warmed-up ones.
     */
    private void calibrateDeletes() throws SQLException {
        nanosPerDelete = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            addSpares(5);
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                singleRowDelete();
            }
            nanosPerDelete = Math.min(nanosPerDelete, (System.nanoTime() - start) / 5.0);
        }
    }

    @Setup(Level.Iteration)
    public void beforeIteration(BenchmarkParams params, IterationParams iteration) throws SQLException {
        if (!params.getBenchmark().endsWith(".singleRowDelete")) {
            return;
        }
        long budget = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
        long expected = budget == 0 ? iteration.getBatchSize() : (long) Math.ceil(budget / nanosPerDelete);
        // Five times the calibrated count: warmed-up deletes run faster than the calibration's.
        int needed = (int) Math.min(200_000, Math.max(5 * expected, 2L * mostDeletesPerIteration) + 10);
        if (spares.size() < needed) {
            addSpares(needed - spares.size());
        }
        deletesThisIteration = 0;
    }

    @TearDown(Level.Iteration)
    public void afterIteration() throws SQLException {
        mostDeletesPerIteration = Math.max(mostDeletesPerIteration, deletesThisIteration);
        removeInserted();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.finishTrial(writes);
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

    /** Sets the price of one product: its tv_product row changes. */
    @Benchmark
    public void singleRowUpdate() throws SQLException {
        writes.updatePrice(1 + random.nextInt(scale), ProductWrites.price(random));
        ws.commit();
    }

    /** Inserts one product: tv_product gains a row. */
    @Benchmark
    public void singleRowInsert() throws SQLException {
        inserted.add(writes.insertProduct(random));
        ws.commit();
    }

    /** Deletes one product: tv_product loses a row. */
    @Benchmark
    public void singleRowDelete() throws SQLException {
        Long key = spares.poll();
        if (key == null) {
            throw new IllegalStateException("singleRowDelete ran out of spare products in one iteration (" + deletesThisIteration
                    + " deletes); the iteration ran far more operations than the calibration predicted");
        }
        writes.deleteProduct(key);
        ws.commit();
        deletesThisIteration++;
    }
}
