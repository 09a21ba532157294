package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Definitions;
import dev.tviews.benchmarks.jmh.support.Maintenance;
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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Cascade fan-out: renaming one parent whose name is embedded in {@code fanout} read-model rows.
 * {@link #categoryRename}: a category of the e-commerce data with exactly {@code fanout} products
 * ({@code tv_product} rows embed its name, {@code tv_category} has one row). {@link #celebrityRename}: a
 * user of the social data with exactly {@code fanout} posts ({@code tv_user} changes, and {@code tv_post}
 * embeds tv_user's document: a cascade from one read model into another). The hand-written strategy
 * recomputes the parent's row and the rows of its children with one set-based upsert each.
 * The name alternates between two values, so every rename changes every dependent row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CascadeBenchmark {

    /** Read-model rows that embed the renamed parent; one of {@link Datasets#FANOUTS}. */
    @Param({"1", "10", "100", "1000", "10000"})
    public int fanout;

    @Param({"tviews-statement", "tviews-row", "hand-written", "none"})
    public String strategy;

    private Workspace ws;
    private PreparedStatement rename;
    private Maintenance parentRow;
    private Maintenance childRows;
    private long parent;
    private long renames;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        if (!Datasets.FANOUTS.contains(fanout)) {
            throw new IllegalArgumentException("fanout " + fanout + " is not in the data set; use one of " + Datasets.FANOUTS);
        }
        boolean categories = params.getBenchmark().endsWith(".categoryRename");
        if (categories) {
            ws = Workspace.open(Datasets.categoryFanout(BenchServer.get()), strategy,
                    Definitions.ecommerce("tv_product", "tv_category"));
            parent = key("SELECT pk_category FROM tb_category WHERE name = ?");
            rename = ws.connection().prepareStatement("UPDATE tb_category SET name = ? WHERE pk_category = ?");
            parentRow = ws.maintenance("tv_category", "pk_category");
            childRows = ws.maintenance("tv_product", "fk_category");
        } else {
            ws = Workspace.open(Datasets.userFanout(BenchServer.get()), strategy, Definitions.social("tv_user", "tv_post"));
            parent = key("SELECT pk_user FROM tb_user WHERE identifier = ?");
            rename = ws.connection().prepareStatement("UPDATE tb_user SET name = ? WHERE pk_user = ?");
            parentRow = ws.maintenance("tv_user", "pk_user");
            childRows = ws.maintenance("tv_post", "fk_user");
        }
        ws.connection().commit();
        renameParent();
        renameParent();
        ws.requireFresh("after two renames of a parent with " + fanout + " children");
    }

    private long key(String sql) throws SQLException {
        try (PreparedStatement ps = ws.connection().prepareStatement(sql)) {
            ps.setString(1, "fanout-" + fanout);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The data set has no parent 'fanout-" + fanout + "'");
                }
                return rs.getLong(1);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.finishTrial(rename);
    }

    private void renameParent() throws SQLException {
        rename.setString(1, (renames++ % 2 == 0 ? "Renamed " : "Original ") + fanout);
        rename.setLong(2, parent);
        rename.executeUpdate();
        parentRow.upsert(parent);
        childRows.upsert(parent);
        ws.commit();
    }

    /** Renames a category: its row in tv_category and its {@code fanout} products in tv_product change. */
    @Benchmark
    public void categoryRename() throws SQLException {
        renameParent();
    }

    /** Renames a user: tv_user's row and, through it, the user's {@code fanout} posts in tv_post change. */
    @Benchmark
    public void celebrityRename() throws SQLException {
        renameParent();
    }
}
