package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The same large UPDATE ({@code rows} products, tv_product and tv_category maintained by statement
 * triggers) in a session that never ran the triggers ({@code fresh}) and in one that first ran eight
 * single-row updates through them ({@code warmed}). PL/pgSQL plans a query without parameters the
 * first time it runs and keeps that plan for the session: the first engine's transition-table filter,
 * planned on a one-row statement, made a 2,269-row UPDATE 23× slower in a warmed session. The target
 * is warmed ÷ fresh ≤ 1.2.
 *
 * <p>Each invocation opens its own connection (fresh: nothing else; warmed: the eight single-row
 * updates, committed), runs the statement in a transaction and rolls it back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 2)
public class WarmSessionBenchmark {

    /** Products the large statement updates. */
    @Param({"2000"})
    public int rows;

    /** {@code fresh}: a new connection; {@code warmed}: a new connection after eight single-row updates. */
    @Param({"fresh", "warmed"})
    public String session;

    @Param({"10000"})
    public int scale;

    private Workspace ws;
    private Connection c;
    private PreparedStatement large;
    private final SplittableRandom random = new SplittableRandom(11);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        if (rows > scale) {
            throw new IllegalArgumentException("rows " + rows + " is larger than the data set (scale " + scale + ")");
        }
        ws = Workspace.open(Datasets.ecommerce(BenchServer.get(), scale), "tviews-statement",
                Definitions.ecommerce("tv_product", "tv_category"));
        try (PreparedStatement once = ws.connection().prepareStatement(
                "UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product BETWEEN 1 AND ?")) {
            once.setInt(1, rows);
            once.executeUpdate();
        }
        ws.requireFreshInTransaction("after one update of " + rows + " products");
        ws.rollback();
    }

    @Setup(Level.Invocation)
    public void openSession() throws SQLException {
        c = BenchServer.get().connect(ws.database());
        c.setAutoCommit(true);
        if (session.equals("warmed")) {
            try (PreparedStatement one = c.prepareStatement(
                    "UPDATE tb_product SET price_current = price_current + 0.01 WHERE pk_product = ?")) {
                for (int i = 0; i < 8; i++) {
                    one.setInt(1, 1 + random.nextInt(scale));
                    one.executeUpdate();
                }
            }
        } else if (!session.equals("fresh")) {
            throw new IllegalArgumentException("session is fresh or warmed, not " + session);
        }
        c.setAutoCommit(false);
        large = c.prepareStatement("UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product BETWEEN ? AND ?");
    }

    @TearDown(Level.Invocation)
    public void closeSession() throws SQLException {
        c.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        ws.close();
    }

    @Benchmark
    public void largeUpdate() throws SQLException {
        int from = 1 + random.nextInt(scale - rows + 1);
        large.setInt(1, from);
        large.setInt(2, from + rows - 1);
        large.executeUpdate();
        c.rollback();
    }
}
