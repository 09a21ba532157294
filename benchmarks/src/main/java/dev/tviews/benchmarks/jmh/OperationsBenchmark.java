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
 * Operating options of the engine (docs/operations.md), each against its default, with
 * {@code tv_product} kept by tviews-statement on the e-commerce data set:
 * <ul>
 *   <li>{@code transactionOf1000Updates}: one transaction of 1,000 single-row price updates of random
 *   products, refreshed after every statement ({@code refresh=per-statement}) or queued and refreshed
 *   once before commit ({@code refresh=batched});</li>
 *   <li>{@code singleRowUpdate}: one price update and commit with the cumulative refresh figures of
 *   pg_tviews_queue_stats() collected ({@code stats=on}, the default) or not ({@code tviews.stats = off}),
 *   which is what collecting them costs.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class OperationsBenchmark {

    /** {@code per-statement} or {@code batched} (for transactionOf1000Updates). */
    @Param({"per-statement", "batched"})
    public String refresh;

    /** {@code on} or {@code off} (for singleRowUpdate). */
    @Param({"on", "off"})
    public String stats;

    /** Products in the data set. */
    @Param({"100000"})
    public int scale;

    private Workspace ws;
    private ProductWrites writes;
    private final SplittableRandom random = new SplittableRandom(13);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        if (!refresh.equals("per-statement") && !refresh.equals("batched")) {
            throw new IllegalArgumentException("refresh must be per-statement or batched, not " + refresh);
        }
        if (!stats.equals("on") && !stats.equals("off")) {
            throw new IllegalArgumentException("stats must be on or off, not " + stats);
        }
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), "tviews-statement",
                Definitions.ecommerce("tv_product"));
        writes = new ProductWrites(ws);
        ws.execute("SET tviews.stats = " + stats);
        ws.execute("SET tviews.batch = " + (refresh.equals("batched") ? "on" : "off"));
        ws.commit();
        transactionOf1000Updates();
        ws.requireFresh("after a transaction of 1,000 updates refreshed " + refresh);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.finishTrial(writes);
    }

    private long product() {
        return 1 + random.nextInt(scale);
    }

    @Benchmark
    public void transactionOf1000Updates() throws SQLException {
        for (int i = 0; i < 1000; i++) {
            writes.updatePrice(product(), ProductWrites.price(random));
        }
        ws.commit();
    }

    @Benchmark
    public void singleRowUpdate() throws SQLException {
        writes.updatePrice(product(), ProductWrites.price(random));
        ws.commit();
    }
}
