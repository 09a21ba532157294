package dev.tviews.scenarios.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.check.Freshness;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.engine.ReadModelEngines;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.generate.LoadReport;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioValidator;
import dev.tviews.scenarios.workload.ConnectionPools;
import dev.tviews.scenarios.workload.RunOptions;
import dev.tviews.scenarios.workload.RunResult;
import dev.tviews.scenarios.workload.WorkloadRunner;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.sql.Identifiers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a scenario into a fresh database, creates its read models with a strategy, runs its mix
 * and checks freshness. The embedded server is used unless {@code --jdbc-url} or
 * {@code TVIEWS_JDBC_URL} names one. Exit codes: 0 fine, 1 stale read models or failed
 * operations, 2 an invalid scenario or wrong arguments.
 */
public final class ScenarioMain {

    private static final String USAGE = """
            usage: ScenarioMain SCENARIO [options]
              SCENARIO               ecommerce, social, or the path of a scenario file
              --scale NAME           scale to load (default small)
              --seed N               seed of the load and the run (default: the scenario's)
              --strategy NAME        read-model strategy: %s (default hand-written)
              --transactions N       operations to run (default 1000; 0 to only load)
              --duration SECONDS     run for this long instead of a count
              --connections N        workers and pool size (default 4)
              --rate N               operations per second on a fixed schedule (default: closed loop)
              --no-reads             leave the scenario's reads out of the mix
              --validate-only        check the file against PostgreSQL and stop
              --keep                 keep the database afterwards (only useful with --jdbc-url)
              --jdbc-url URL         use this server instead of the embedded one
            """;

    private ScenarioMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.printf(USAGE, String.join(", ", ReadModelEngines.names()));
            return 2;
        }
        Scenario scenario;
        try {
            scenario = BundledScenarios.names().contains(a.scenario) ? BundledScenarios.load(a.scenario) : ScenarioReader.read(Path.of(a.scenario));
        } catch (InvalidScenarioException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        PostgresOptions options = a.jdbcUrl != null ? PostgresOptions.external(a.jdbcUrl) : PostgresOptions.fromEnvironment();
        try (PostgresServer server = PostgresServers.open(options)) {
            System.err.println("server: " + server.describe());
            String database = "tviews_" + scenario.name().replaceAll("[^A-Za-z0-9_]", "_") + "_" + a.scale;
            try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + Identifiers.quote(database));
            }
            try {
                return runIn(server, database, scenario, a);
            } catch (InvalidScenarioException e) {
                System.err.println(e.getMessage());
                return 2;
            } finally {
                if (!a.keep) {
                    try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
                    }
                }
            }
        }
    }

    private static int runIn(PostgresServer server, String database, Scenario scenario, Arguments a) throws Exception {
        ReadModelEngine engine = ReadModelEngines.byName(a.strategy);
        try (Connection c = server.connect(database)) {
            if (a.validateOnly) {
                ScenarioValidator.validate(c, scenario);
                System.err.println(scenario.source() + ": valid");
                return 0;
            }
            LoadOptions load = LoadOptions.withProgress();
            if (a.seed != null) {
                load = load.seed(a.seed);
            }
            LoadReport report = DataLoader.load(c, scenario, a.scale, load);
            System.out.println(report.summary());
            long started = System.nanoTime();
            engine.create(c, scenario.tviews());
            System.out.printf(Locale.ROOT, "created %d read model(s) with %s in %.1f s%n", scenario.tviews().size(), engine.name(),
                    (System.nanoTime() - started) / 1e9);
        }
        if (a.transactions == 0 && a.duration == null) {
            return 0;
        }
        RunOptions run = RunOptions.defaults().connections(a.connections).seed(a.seed != null ? a.seed : scenario.seed())
                .includeReads(a.reads).progress(true).arrivalRate(a.rate);
        run = a.duration != null ? run.duration(a.duration).transactions(0) : run.transactions(a.transactions);
        RunResult result;
        try (HikariDataSource pool = ConnectionPools.hikari(server.jdbcUrl(database), server.connectionProperties(), a.connections)) {
            result = new WorkloadRunner(scenario, pool, engine).run(run);
        }
        System.out.println(result.summary());
        try (Connection c = server.connect(database)) {
            List<Freshness.StaleRow> stale = engine.name().equals("none") ? List.of() : Freshness.check(c, scenario.tviews());
            System.out.println(stale.isEmpty() ? "read models: fresh" : "read models: " + stale.size() + " stale rows\n" + Freshness.describe(stale));
            return stale.isEmpty() && result.failed() == 0 ? 0 : 1;
        }
    }

    /** Parsed command-line arguments. */
    private static final class Arguments {
        String scenario;
        String scale = "small";
        Long seed;
        String strategy = "hand-written";
        long transactions = 1000;
        Duration duration;
        int connections = 4;
        double rate;
        boolean reads = true;
        boolean validateOnly;
        boolean keep;
        String jdbcUrl;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                switch (arg) {
                    case "--scale" -> a.scale = value(rest, arg);
                    case "--seed" -> a.seed = Long.parseLong(value(rest, arg));
                    case "--strategy" -> a.strategy = value(rest, arg);
                    case "--transactions" -> a.transactions = Long.parseLong(value(rest, arg));
                    case "--duration" -> a.duration = Duration.ofMillis((long) (Double.parseDouble(value(rest, arg)) * 1000));
                    case "--connections" -> a.connections = Integer.parseInt(value(rest, arg));
                    case "--rate" -> a.rate = Double.parseDouble(value(rest, arg));
                    case "--no-reads" -> a.reads = false;
                    case "--validate-only" -> a.validateOnly = true;
                    case "--keep" -> a.keep = true;
                    case "--jdbc-url" -> a.jdbcUrl = value(rest, arg);
                    default -> {
                        if (arg.startsWith("--") || a.scenario != null) {
                            throw new IllegalArgumentException("unknown argument: " + arg);
                        }
                        a.scenario = arg;
                    }
                }
            }
            if (a.scenario == null) {
                throw new IllegalArgumentException("name a scenario");
            }
            ReadModelEngines.byName(a.strategy);
            return a;
        }

        private static String value(List<String> rest, String option) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.remove(0);
        }
    }
}
