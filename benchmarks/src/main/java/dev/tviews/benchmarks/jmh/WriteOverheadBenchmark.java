package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What keeping {@code tv_product} fresh adds to a committed single-row write, per strategy, beside the
 * bare write ({@code none}) and the hand-written upsert: a price update (the read-model row changes), a
 * new review (a child row: the product's row gains an element) and an update of {@code created_at}, a
 * column no read model reads (every strategy should cost what the bare write costs, and write no tv_*
 * row). Reviews inserted are deleted again after each iteration, not timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class WriteOverheadBenchmark {

    @Param({"tviews-statement", "tviews-row", "hand-written", "none"})
    public String strategy;

    /** Products in the data set. */
    @Param({"100000"})
    public int scale;

    private Workspace ws;
    private ProductWrites writes;
    private final SplittableRandom random = new SplittableRandom(11);
    private int shift = 1;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), strategy, Definitions.ecommerce("tv_product"));
        writes = new ProductWrites(ws);
        updatePrice();
        insertReview();
        updateUnreadColumn();
        ws.requireFresh("after a price update, a new review and an update of an unread column");
    }

    @TearDown(Level.Iteration)
    public void afterIteration() throws SQLException {
        writes.deleteInsertedReviews();
        ws.commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.finishTrial(writes);
    }

    private long product() {
        return 1 + random.nextInt(scale);
    }

    @Benchmark
    public void updatePrice() throws SQLException {
        writes.updatePrice(product(), ProductWrites.price(random));
        ws.commit();
    }

    @Benchmark
    public void insertReview() throws SQLException {
        writes.insertReview(product(), random);
        ws.commit();
    }

    @Benchmark
    public void updateUnreadColumn() throws SQLException {
        shift = -shift;
        writes.updateUnreadColumn(product(), shift);
        ws.commit();
    }
}
