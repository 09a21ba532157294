package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.checker.cli.ReplicaOptions;
import dev.tviews.database.Replicas;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.benchmarks.load.LoadLine;
import dev.tviews.benchmarks.load.LoadRunner;
import dev.tviews.benchmarks.load.LoadSpec;
import dev.tviews.benchmarks.results.EnvironmentProbe;
import dev.tviews.benchmarks.results.RunRecord;
import dev.tviews.reports.ReportGenerator;
import dev.tviews.reports.model.Summary;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.checker.cli.DurationConverter;
import dev.tviews.scenarios.engine.ReadModelEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code load}: one load run per strategy of a scenario's mix, into a results folder with its report. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Run a scenario's write mix on concurrent clients with each strategy in turn, recording latency "
                + "per operation (HdrHistogram logs, coordinated-omission corrected at a fixed --rate), throughput per "
                + "second, WAL bytes per write and stale rows at the end; writes load/, histograms/, summary.json and "
                + "report.html into the results folder.",
                "  load --scenario ecommerce --scale products_10000 --strategy tviews-statement,hand-written --clients 8 "
                        + "--rate 400 --duration 60s"})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReplicaOptions replicaOptions = new ReplicaOptions();

    @Option(names = "--pooler", paramLabel = "pgbouncer",
            description = "Run the load through PgBouncer in transaction pooling (2 server sessions) started in front "
                    + "of the server, as managed clouds do. PgBouncer must be installed (or TVIEWS_PGBOUNCER name its "
                    + "binary). For another pooler, give its URL with --jdbc-url.")
    String pooler;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE",
            description = "ecommerce, social, or the path of a scenario file.")
    String scenario;

    @Option(names = "--scale", defaultValue = "small", paramLabel = "NAME",
            description = "The scenario's scale (default: ${DEFAULT-VALUE}); for ecommerce also products_N for N products.")
    String scale;

    @Option(names = "--strategy", split = ",", defaultValue = "tviews-statement,hand-written", paramLabel = "NAME",
            description = "Strategies, comma-separated (default: ${DEFAULT-VALUE}); any of none, tviews-statement, "
                    + "tviews-row, hand-written, refresh-mv, refresh-mv-concurrently, pg-ivm (pg_ivm accepted too; "
                    + "without --jdbc-url and --provider it starts an installed PostgreSQL that has pg_ivm).")
    List<String> strategies;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "OPS",
            description = "Operations per second on a fixed schedule; 0 (default) for a closed loop.")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Measured time, e.g. 10s, 5m, 1h (default: ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Unmeasured time first, e.g. 0, 5s, 1m (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--uniform-keys", description = "Draw every key uniformly instead of the scenario's Zipf distributions.")
    boolean uniformKeys;

    @Option(names = "--reads", description = "Include the scenario's reads in the mix.")
    boolean reads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the clients' draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run every strategy N times, alternating the order (A B, B A, A B, …) so drift on the machine "
                    + "does not favour one; the report shows the median with min–max (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--output", paramLabel = "DIR", description = "Results folder (default: results/<timestamp>).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = scenario();
        List<String> strategies = strategies();
        if (!scale.startsWith("products_") && s.scale(scale).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--scale " + scale + ": scenario " + s.name()
                    + " has no such scale; use one of " + String.join(", ", s.scales().keySet()));
        }
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat " + repeat + ": must be 1 or more");
        }
        List<LoadSpec> runs = plan(s, strategies);
        Path folder = output != null ? output : dev.tviews.benchmarks.profile.ProfileRunner.defaultFolder();
        int stale = 0;
        boolean failed = false;
        replicaOptions.validate();
        try (BenchSession session = BenchSession.open(database.toOptionsFor(strategies), pooler);
             Replicas replicas = replicaOptions.open(session.server())) {
            Datasets.showProgress(true);
            Summary summary = new Summary(EnvironmentProbe.probe(session.server(), "load"), List.of());
            RunRecord record = RunRecord.start(folder, summary, runs.stream().map(LoadCommand::item).toList());
            err.println("server: " + session.server().describe());
            replicas.servers().forEach(r -> err.println("replica: " + r.describe()
                    + (reads ? " (the scenario's reads go to the replicas)" : " (lag measured; add --reads to read there)")));
            err.println("results: " + folder.toAbsolutePath());
            for (LoadSpec run : runs) {
                String item = item(run);
                err.printf(Locale.ROOT, "%s: %s at %s, %d clients, %d s%n", item, s.name(), scale, clients,
                        duration.toSeconds());
                err.flush();
                record.begin(item);
                try {
                    LoadRunner.Outcome o = LoadRunner.run(session.server(), replicas, run, folder);
                    out.println(LoadLine.of(run.fileKey(), o));
                    o.replication().ifPresent(r -> out.println(LoadLine.replication(r)));
                    out.flush();
                    stale += o.stale().size();
                    record.done(item);
                } catch (java.sql.SQLException | RuntimeException e) {
                    // One strategy that cannot run (pg-ivm not installed, a lost connection) leaves the others' results.
                    failed = true;
                    record.failed(item, item + ": " + e.getMessage());
                    err.println(item + " failed: " + e.getMessage());
                    err.flush();
                }
            }
            record.finish(summary);
        }
        out.println("report: " + ReportGenerator.generate(folder).toAbsolutePath());
        return stale == 0 && !failed ? 0 : 1;
    }

    /** Every strategy {@code repeat} times, in alternating order: A B C, C B A, A B C, … */
    private List<LoadSpec> plan(Scenario s, List<String> strategies) {
        List<LoadSpec> runs = new java.util.ArrayList<>();
        for (int k = 1; k <= repeat; k++) {
            List<String> order = new java.util.ArrayList<>(strategies);
            if (k % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String strategy : order) {
                runs.add(new LoadSpec(strategy, s, scale, strategy, clients, warmup, duration, rate, uniformKeys, reads,
                        seed, repeat == 1 ? null : k));
            }
        }
        return runs;
    }

    private static String item(LoadSpec run) {
        return "load " + run.strategy() + (run.repetition() == null ? "" : " (run " + run.repetition() + ")");
    }

    /** The strategies in their one spelling, each checked against the known ones. */
    private List<String> strategies() {
        List<String> result = new java.util.ArrayList<>();
        for (String given : strategies) {
            String name = ReadModelEngines.canonical(given);
            if (!ReadModelEngines.names().contains(name)) {
                throw new ParameterException(spec.commandLine(), "--strategy " + given + ": " + ReadModelEngines.unknown(given));
            }
            result.add(name);
        }
        return result;
    }

    private Scenario scenario() {
        if (scenario.equals("ecommerce") && scale.startsWith("products_")) {
            return Datasets.ecommerceScenario(Integer.parseInt(scale.substring("products_".length())));
        }
        return BundledScenarios.names().contains(scenario) ? BundledScenarios.load(scenario) : ScenarioReader.read(Path.of(scenario));
    }
}
