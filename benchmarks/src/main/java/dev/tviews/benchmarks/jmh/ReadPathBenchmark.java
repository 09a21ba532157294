package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.Workspace;
import dev.tviews.scenarios.model.TviewDefinition;
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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The read side: one product's document read from {@code tv_product} by key, against the same document
 * built by the live join query (the read model's definition restricted to the key). Both return the
 * document's text, so both pay for sending it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReadPathBenchmark {

    /** Products in the data set. */
    @Param({"100000"})
    public int scale;

    private Workspace ws;
    private PreparedStatement lookup;
    private PreparedStatement live;
    private final SplittableRandom random = new SplittableRandom(3);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        TviewDefinition tvProduct = Definitions.ecommerce("tv_product").get(0);
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), "tviews-statement", java.util.List.of(tvProduct));
        ws.requireFresh("before reading");
        lookup = ws.connection().prepareStatement("SELECT data::text FROM tv_product WHERE pk_product = ?");
        live = ws.connection().prepareStatement("SELECT d.data::text FROM (\n" + tvProduct.select().parsed().positionalSql()
                + "\n) d WHERE d.pk_product = ?");
        // Same document both ways, or the comparison means nothing.
        for (long key = 1; key <= 20; key++) {
            if (!read(lookup, key).equals(read(live, key))) {
                throw new IllegalStateException("tv_product and its definition disagree on product " + key);
            }
        }
        ws.connection().commit();
        // Each read is a transaction of its own, as an application's read would be.
        ws.connection().setAutoCommit(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        lookup.close();
        live.close();
        ws.close();
    }

    private static String read(PreparedStatement ps, long key) throws SQLException {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** {@code SELECT data FROM tv_product WHERE pk_product = ?}: one index lookup. */
    @Benchmark
    public String tvLookup() throws SQLException {
        return read(lookup, 1 + random.nextInt(scale));
    }

    /** The definition restricted to one product: joins and aggregates its reviews at read time. */
    @Benchmark
    public String liveJoin() throws SQLException {
        return read(live, 1 + random.nextInt(scale));
    }
}
