package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.Maintenance;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Row-level against statement-level triggers: one UPDATE, INSERT or DELETE statement of
 * {@code batchSize} products with {@code tv_product} kept fresh, beside the same statement with no read
 * model ({@code none}) and with one set-based hand-written refresh of the written key range.
 *
 * <p>Each invocation runs the statement (and the hand-written refresh) in a transaction and rolls it
 * back, so every invocation starts from the same data without resets. The triggers run at the end of
 * each statement, inside the transaction, so their work is all measured; the commit is not (a few
 * microseconds with {@code synchronous_commit = off}, the same for every mode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TriggerModeBenchmark {

    /** Rows written by one statement. */
    @Param({"1", "10", "100", "1000", "10000"})
    public int batchSize;

    /** {@code statement} and {@code row}: tviews' trigger modes; {@code none}: bare statement; {@code hand-written}. */
    @Param({"statement", "row", "none", "hand-written"})
    public String mode;

    /** Products in the data set; at least {@code batchSize}. */
    @Param({"100000"})
    public int scale;

    private Workspace ws;
    private Connection c;
    private Maintenance tvProduct;
    private PreparedStatement update;
    private PreparedStatement insert;
    private PreparedStatement delete;
    private int categories;
    private int suppliers;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        if (batchSize > scale) {
            throw new IllegalArgumentException("batchSize " + batchSize + " is larger than the data set (scale " + scale + ")");
        }
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), strategy(mode), Definitions.ecommerce("tv_product"));
        c = ws.connection();
        tvProduct = ws.maintenance("tv_product", "pk_product");
        categories = ws.atLeastOne("SELECT max(pk_category) FROM tb_category");
        suppliers = ws.atLeastOne("SELECT max(pk_supplier) FROM tb_supplier");
        update = c.prepareStatement("UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product BETWEEN ? AND ?");
        insert = c.prepareStatement(SqlResource.text("insert_products_range.sql"));
        delete = c.prepareStatement("DELETE FROM tb_product WHERE pk_product BETWEEN ? AND ?");
        c.commit();
        // The benchmark's own statement once, checked inside its transaction (which then rolls back).
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "bulkUpdate" -> write(update, true);
            case "bulkInsert" -> bulkInsertInTransaction();
            case "bulkDelete" -> write(delete, false);
            default -> throw new IllegalStateException("unknown benchmark method " + method);
        }
        ws.requireFreshInTransaction("after one " + method + " of " + batchSize + " rows");
        c.rollback();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        ws.close();
    }

    /** A random range of {@code batchSize} existing products. */
    private long firstKey() {
        return 1 + random.nextInt(scale - batchSize + 1);
    }

    private void write(PreparedStatement statement, boolean recompute) throws SQLException {
        long from = firstKey();
        long to = from + batchSize - 1;
        statement.setLong(1, from);
        statement.setLong(2, to);
        statement.executeUpdate();
        if (recompute) {
            tvProduct.upsertRange(from, to);
        } else {
            tvProduct.deleteRange(from, to);
        }
    }

    private void bulkInsertInTransaction() throws SQLException {
        insert.setInt(1, categories);
        insert.setInt(2, suppliers);
        insert.setInt(3, batchSize);
        long from;
        long to;
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            from = rs.getLong(1);
            to = rs.getLong(2);
        }
        tvProduct.upsertRange(from, to);
    }

    /** {@code price_current + 1} for a range of products: every tv_product row of the range changes. */
    @Benchmark
    public void bulkUpdate() throws SQLException {
        write(update, true);
        c.rollback();
    }

    /** New products (no inventory, no reviews): tv_product gains as many rows. */
    @Benchmark
    public void bulkInsert() throws SQLException {
        bulkInsertInTransaction();
        c.rollback();
    }

    /** A range of products, cascading to their inventory and reviews: tv_product loses as many rows. */
    @Benchmark
    public void bulkDelete() throws SQLException {
        write(delete, false);
        c.rollback();
    }

    /** The registry's strategy for a {@code mode} param: a trigger mode means that mode's tviews strategy. */
    static String strategy(String mode) {
        return mode.equals("statement") || mode.equals("row") ? "tviews-" + mode : mode;
    }
}
