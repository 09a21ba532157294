package dev.tviews.benchmarks.jmh;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.jmh.support.Workspace;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.Scenario;
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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analytics scenario's two characteristic writes, one transaction each, with every read model kept:
 * <ul>
 *   <li>{@code orderInsert}: an order and its line in one statement, which touches three read models (the
 *   day's sales group, the category's dashboard built on it, the category's top list);</li>
 *   <li>{@code categoryMove}: a product moved to another category, whose sales move between two
 *   categories' groups, dashboards and top lists.</li>
 * </ul>
 * The statements are the scenario's own operations; for hand-written, with their {@code maintain} statements.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class AnalyticsBenchmark {

    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z_][a-z0-9_]*)");

    @Param({"tviews-statement", "tviews-row", "hand-written"})
    public String strategy;

    /** A scale of the analytics scenario. */
    @Param({"small"})
    public String scale;

    private Workspace ws;
    private Operation newOrder;
    private Operation moveProduct;
    private int customers;
    private int products;
    private int categories;
    private final SplittableRandom random = new SplittableRandom(31);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Scenario scenario = BundledScenarios.load("analytics");
        newOrder = scenario.operation("new_order").orElseThrow();
        moveProduct = scenario.operation("move_product").orElseThrow();
        ws = Workspace.open(Datasets.scenario(BenchServer.get(), scenario, scale), strategy, scenario.tviews());
        customers = ws.atLeastOne("SELECT max(pk_customer) FROM tb_customer");
        products = ws.atLeastOne("SELECT max(pk_product) FROM tb_product");
        categories = ws.atLeastOne("SELECT max(pk_category) FROM tb_category");
        orderInsert();
        categoryMove();
        ws.requireFresh("after an order and a category move with " + strategy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.finishTrial();
    }

    @Benchmark
    public void orderInsert() throws SQLException {
        Map<String, String> values = new HashMap<>();
        values.put("customer", Integer.toString(1 + random.nextInt(customers)));
        values.put("product", Integer.toString(1 + random.nextInt(products)));
        values.put("quantity", Integer.toString(1 + random.nextInt(5)));
        values.put("at", String.format(Locale.ROOT, "'2026-11-%02d %02d:%02d:00'", 17 + random.nextInt(14),
                random.nextInt(24), random.nextInt(60)));
        run(newOrder, values);
    }

    @Benchmark
    public void categoryMove() throws SQLException {
        Map<String, String> values = new HashMap<>();
        values.put("product", Integer.toString(1 + random.nextInt(products)));
        values.put("category", Integer.toString(1 + random.nextInt(categories)));
        run(moveProduct, values);
    }

    /** The operation's statement, its maintenance for hand-written, and the commit. */
    private void run(Operation operation, Map<String, String> values) throws SQLException {
        try (Statement st = ws.connection().createStatement()) {
            for (var statement : operation.statements()) {
                try (ResultSet rs = st.executeQuery(bind(statement.text().sql(), values))) {
                    if (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            values.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                        }
                    }
                }
            }
            if (ws.strategy().name().equals("hand-written")) {
                for (var statement : operation.maintain()) {
                    st.execute(bind(statement.text().sql(), values));
                }
            }
        }
        ws.commit();
    }

    /** The scenario's {@code :name} parameters as literals: every value here is a number or a quoted timestamp. */
    private static String bind(String sql, Map<String, String> values) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for :" + m.group(1) + " in " + sql);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
