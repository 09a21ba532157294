package dev.tviews.checker.run;

import dev.tviews.checker.generate.CatalogModel;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresProvider;
import dev.tviews.database.PostgresServer;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A database ready to be checked: a fresh clone of the scenario's template, its read models created
 * by the strategy, the write tables read from the catalog, and the oracle for the scenario's own
 * definitions. Closing drops the clone.
 */
public final class CheckSession implements AutoCloseable {

    private final CheckTarget target;
    private final Scenario scenario;
    private final FreshDatabase database;
    private final Connection connection;
    private final ReadModelEngine engine;
    private final CatalogModel catalog;
    private final Oracle oracle;
    private final String serverArguments;

    private CheckSession(CheckTarget target, Scenario scenario, FreshDatabase database, Connection connection,
                         ReadModelEngine engine, CatalogModel catalog, Oracle oracle, String serverArguments) {
        this.target = target;
        this.scenario = scenario;
        this.database = database;
        this.connection = connection;
        this.engine = engine;
        this.catalog = catalog;
        this.oracle = oracle;
        this.serverArguments = serverArguments;
    }

    /** Clones the template of {@code target}'s scenario and scale and creates the read models with its strategy. */
    public static CheckSession open(ScenarioTemplates templates, CheckTarget target) throws SQLException {
        ReadModelEngine engine = ReadModelEngines.byName(target.engine());
        if (!engine.supports(GeneratedWrite.OPERATION)) {
            throw new IllegalArgumentException("strategy " + engine.name() + " cannot maintain read models under random "
                    + "writes: it only runs each scenario operation's own maintain statements; check a strategy that "
                    + "maintains read models by itself, e.g. tviews-statement, tviews-row or refresh-mv");
        }
        Scenario scenario = ScenarioScales.withScale(target.scenario(), target.scale());
        if (scenario.tviews().isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " defines no read models (tviews:), so "
                    + "there is nothing to check");
        }
        FreshDatabase db = templates.template(scenario, target.scale()).cloneFresh();
        Connection c = null;
        try {
            c = db.connect();
            c.setAutoCommit(true);
            engine.create(c, scenario.tviews());
            requireReadModels(c, engine, scenario.tviews());
            List<String> names = scenario.tviews().stream().map(TviewDefinition::name).toList();
            CatalogModel catalog = CatalogModel.read(c, names, declaredLinks(scenario));
            PostgresServer server = templates.server();
            String serverArguments = server.provider() == PostgresProvider.EXTERNAL ? " --jdbc-url <URL of the same server>"
                    : server.provider() == PostgresProvider.LOCAL ? " --provider local --pg-major " + server.serverMajorVersion()
                    : server.serverMajorVersion() != PostgresOptions.DEFAULT_MAJOR ? " --pg-major " + server.serverMajorVersion() : "";
            return new CheckSession(target, scenario, db, c, engine, catalog, Oracle.forScenario(scenario), serverArguments);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * Link columns the scenario's data generators name ({@code key: tb_x}), as {@code "table.column"}
     * to the parent table: the generator treats those without a foreign key as soft links.
     */
    static java.util.Map<String, String> declaredLinks(Scenario scenario) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (dev.tviews.scenarios.model.TableData t : scenario.tables()) {
            for (dev.tviews.scenarios.model.ColumnSpec col : t.columns()) {
                dev.tviews.scenarios.model.Generator g = col.generator();
                if (g instanceof dev.tviews.scenarios.model.Generator.Nullable n) {
                    g = n.inner();
                }
                if (g instanceof dev.tviews.scenarios.model.Generator.Key k) {
                    out.put(t.table() + "." + col.column(), k.table());
                }
            }
        }
        return out;
    }

    private static void requireReadModels(Connection c, ReadModelEngine engine, List<TviewDefinition> tviews) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (TviewDefinition tv : tviews) {
                ps.setString(1, Identifiers.quote(tv.name()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new IllegalArgumentException("strategy " + engine.name() + " created no relation "
                                + tv.name() + ", so there is nothing to check; use a strategy that creates read models");
                    }
                }
            }
        }
    }

    /** Runs a workload; the log gets a header naming the run and how to replay it. */
    public CheckResult run(CheckOptions options, StatementLog log, ProgressListener listener) throws SQLException {
        String replay = "java -jar benchmarks.jar check --scenario " + target.scenarioArgument() + " --scale "
                + target.scale() + " --seed " + options.seed() + " --engine " + engine.name()
                + options.checkPoints().map(p -> " --check-after " + (p == CheckPoints.EVERY_STATEMENT ? "statement" : "commit")).orElse("")
                + serverArguments;
        log.comment("tviews consistency checker: statement log of scenario " + scenario.name() + " at scale "
                + target.scale() + ", seed " + options.seed() + ", strategy " + engine.name() + ", "
                + connection.getMetaData().getDatabaseProductVersion());
        log.comment("Replay it on a fresh copy of the loaded scenario with the read models created (psql -f), or "
                + "from the seed: " + replay);
        CheckRunner runner = new CheckRunner(connection, engine, GeneratedWrite.bound(scenario.tviews()),
                oracle, catalog, scenario.tviews().stream().map(TviewDefinition::name).toList());
        return runner.run(options, log, replay, listener);
    }

    public CheckTarget target() {
        return target;
    }

    public Connection connection() {
        return connection;
    }

    public FreshDatabase database() {
        return database;
    }

    public Oracle oracle() {
        return oracle;
    }

    public CatalogModel catalog() {
        return catalog;
    }

    public Scenario scenario() {
        return scenario;
    }

    public ReadModelEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the database is dropped WITH (FORCE) next, which ends the session anyway
        }
        database.close();
    }
}
