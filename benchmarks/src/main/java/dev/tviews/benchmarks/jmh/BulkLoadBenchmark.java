package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.SqlResource;
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

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A bulk load into a database whose {@code tv_product} is kept by tviews-statement: {@code products} new
 * products with 5 reviews each, in batches of {@code batch} products (two statements a batch, as an ETL
 * job would write them), committed once. {@code maintained}: the triggers refresh after every statement;
 * {@code suspended}: pg_tviews_suspend before, pg_tviews_resume (one full refresh) after, both timed.
 * The loaded rows are deleted after each iteration, untimed, with maintenance on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BulkLoadBenchmark {

    @Param({"maintained", "suspended"})
    public String maintenance;

    /** Products per batch (two statements: the products, then their reviews). */
    @Param({"1000", "10", "1"})
    public int batch;

    /** Products loaded (with five times as many reviews). */
    @Param({"50000"})
    public int products;

    /** Products in the data set before the load. */
    @Param({"100000"})
    public int scale;

    private Workspace ws;
    private Connection c;
    private PreparedStatement insertProducts;
    private PreparedStatement insertReviews;
    private int categories;
    private int suppliers;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        if (!maintenance.equals("maintained") && !maintenance.equals("suspended")) {
            throw new IllegalArgumentException("maintenance must be maintained or suspended, not " + maintenance);
        }
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), "tviews-statement",
                Definitions.ecommerce("tv_product"));
        c = ws.connection();
        categories = ws.atLeastOne("SELECT max(pk_category) FROM tb_category");
        suppliers = ws.atLeastOne("SELECT max(pk_supplier) FROM tb_supplier");
        insertProducts = c.prepareStatement(SqlResource.text("bulk_load_products.sql"));
        insertReviews = c.prepareStatement(SqlResource.text("bulk_load_reviews.sql"));
        c.commit();
    }

    @TearDown(Level.Iteration)
    public void afterIteration() throws SQLException {
        ws.requireFresh("after a bulk load of " + products + " products, " + maintenance);
        ws.execute("DELETE FROM tb_product WHERE identifier LIKE 'bulk-%'");
        ws.commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        ws.close();
    }

    @Benchmark
    public void load() throws SQLException {
        boolean suspend = maintenance.equals("suspended");
        if (suspend) {
            ws.execute("SELECT count(*) FROM pg_tviews_suspend('tv_product')");
        }
        for (int done = 0; done < products; done += batch) {
            insertProducts.setInt(1, categories);
            insertProducts.setInt(2, suppliers);
            insertProducts.setInt(3, Math.min(batch, products - done));
            Array keys;
            try (ResultSet rs = insertProducts.executeQuery()) {
                rs.next();
                keys = rs.getArray(1);
            }
            insertReviews.setArray(1, keys);
            insertReviews.executeUpdate();
        }
        if (suspend) {
            ws.execute("SELECT count(*) FROM pg_tviews_resume('tv_product')");
        }
        ws.commit();
    }
}
