package dev.tviews.benchmarks.peers;

import dev.tviews.benchmarks.load.LoadLine;
import dev.tviews.benchmarks.load.LoadRunner;
import dev.tviews.benchmarks.load.LoadSpec;
import dev.tviews.database.LocalPostgresBinaries;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.reports.model.PeersLayout;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.engine.PgIvmReadModels;
import dev.tviews.scenarios.model.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peers comparison of the main job: the bundled {@code peers} scenario (read models every peer can maintain)
 * at two scales, loaded on 1 and on 8 clients with tviews, pg_ivm, hand-written statements and
 * {@code REFRESH MATERIALIZED VIEW}, all on one throwaway cluster of an installed PostgreSQL that has pg_ivm.
 * Keys are drawn uniformly, as for the targets of docs/performance.md. The 1-client runs give the single-row
 * write latency (the target takes {@code change_amount}: one tb_order row updated).
 * Results go to {@code peers/<scale>-c<clients>/} of the results folder, one results folder each.
 * Kept to a few seconds per run so the main job stays within its time.
 */
public final class PeersStage {
    public static final String SCENARIO = "peers";
    public static final List<String> SCALES = List.of("tiny", "small");
    public static final List<Integer> CLIENTS = List.of(1, 8);
    public static final List<String> STRATEGIES = List.of("tviews-statement", "tviews-row", PgIvmReadModels.NAME,
            "hand-written", "refresh-mv");
    static final Duration WARMUP = Duration.ofMillis(500);
    static final Duration DURATION = Duration.ofMillis(1500);

    private PeersStage() {
    }

    /** Runs, as {@link #run} makes them. */
    public static int runs() {
        return SCALES.size() * CLIENTS.size() * STRATEGIES.size();
    }

    /** Rough seconds the stage takes: the runs, each with its setup, and the server's start and data. */
    public static double expectedSeconds() {
        return runs() * ((WARMUP.toMillis() + DURATION.toMillis()) / 1000.0 + 1.5) + 15;
    }

    /** Empty when an installed PostgreSQL has pg_ivm; otherwise what is missing and what to install. */
    public static Optional<String> unavailableReason() {
        if (LocalPostgresBinaries.find(PostgresOptions.ANY_MAJOR, List.of(PgIvmReadModels.LIBRARY)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(PeersLayout.HOW_TO_INSTALL);
    }

    /**
     * Every run in turn, alternating the strategies' order from one group to the next. A run that fails is
     * printed and listed in the returned problems; the others go on.
     */
    public static List<String> run(Path results, PrintStream err) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        Scenario scenario = BundledScenarios.load(SCENARIO);
        PostgresOptions options = PostgresOptions.local(PostgresOptions.ANY_MAJOR, Optional.empty(), Map.of())
                .preloading(PgIvmReadModels.LIBRARY);
        try (PostgresServer server = PostgresServers.open(options)) {
            err.println("    peers on " + server.describe() + " (" + server.serverVersion() + ")");
            runAll(server, scenario, results, err, problems);
        } catch (SQLException | RuntimeException e) {
            problems.add("peers: " + e.getMessage());
            err.println("    peers: " + e.getMessage());
        }
        return problems;
    }

    private static void runAll(PostgresServer server, Scenario scenario, Path results, PrintStream err,
                               List<String> problems) throws IOException, InterruptedException {
        {
            int group = 0;
            for (String scale : SCALES) {
                for (int clients : CLIENTS) {
                    Path folder = results.resolve(PeersLayout.DIR).resolve(PeersLayout.group(scale, clients));
                    Files.createDirectories(folder);
                    List<String> order = new ArrayList<>(STRATEGIES);
                    if (group++ % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (String strategy : order) {
                        LoadSpec spec = new LoadSpec(strategy, scenario, scale, strategy, clients, WARMUP, DURATION, 0,
                                true, false, 23);
                        try {
                            LoadRunner.Outcome o = LoadRunner.run(server, spec, folder);
                            err.println("    = peers " + scale + ", " + clients + " client(s), " + LoadLine.of(strategy, o));
                            if (!o.stale().isEmpty()) {
                                problems.add("peers " + scale + " " + clients + " client(s) " + strategy + ": "
                                        + o.stale().size() + " stale rows");
                            }
                        } catch (SQLException | RuntimeException e) {
                            String problem = "peers " + scale + " " + clients + " client(s) " + strategy + ": " + e.getMessage();
                            problems.add(problem);
                            err.println("    " + problem);
                        }
                    }
                }
            }
        }
    }
}
