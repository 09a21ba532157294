package dev.tviews.benchmarks.load;

import dev.tviews.benchmarks.jmh.support.BenchServer;
import dev.tviews.benchmarks.jmh.support.Datasets;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A few seconds of the e-commerce mix at a fixed rate, and what it leaves in the results folder. */
@ExtendWith(PostgresExtension.class)
class LoadRunnerTest {

    private static PostgresServer server;

    /** The test run's shared server (the extension stops it): its data sets serve the module's other tests too. */
    @BeforeAll
    static void useServer(PostgresServer shared) {
        server = shared;
        BenchServer.use(server);
    }

    @Test
    void aFixedRateRunWritesHistogramLogsThroughputWalAndNoStaleRows(@TempDir Path results) throws Exception {
        LoadSpec spec = new LoadSpec("tviews-statement", Datasets.ecommerceScenario(1000), Datasets.scaleName(1000),
                "tviews-statement", 2, Duration.ZERO, Duration.ofSeconds(3), 100, true, false, 42);

        LoadRunner.Outcome outcome = LoadRunner.run(server, spec, results);

        LoadRun run = ResultsFolder.read(results).loadRuns().get(0);
        assertThat(run.strategy()).isEqualTo("tviews-statement");
        assertThat(run.clients()).isEqualTo(2);
        // A fixed schedule of 100/s for 3 s has 300 slots; a slow machine runs fewer, never more.
        assertThat(run.totalOperations()).isPositive().isLessThanOrEqualTo(300L);
        assertThat(run.writeOperations()).isPositive();
        assertThat(run.walBytes()).isPositive();
        assertThat(run.staleRowsAtEnd()).isZero();
        assertThat(run.throughput()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outcome.stale()).isEmpty();
        assertThat(run.worstSecond()).as("the slowest second of the run is reported").isNotNull();
        assertThat(run.contention()).isNotNull();
        assertThat(run.contention().deadlocks()).isZero();
        assertThat(run.contention().lockWaitShare()).isBetween(0.0, 1.0);

        List<Path> logs;
        try (Stream<Path> files = Files.list(results.resolve("histograms/tviews-statement"))) {
            logs = files.toList();
        }
        assertThat(logs).isNotEmpty().allMatch(p -> p.toString().endsWith(".hlog"));
        long recorded = 0;
        for (Path log : logs) {
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    recorded += ((org.HdrHistogram.Histogram) h).getTotalCount();
                }
            }
        }
        assertThat(recorded).as("every committed operation is in some interval of some log")
                .isEqualTo(run.operations().stream().mapToLong(LoadRun.OperationTotals::count).sum());
    }

    /**
     * Clients that transfer between two accounts in random order deadlock now and then: the run counts
     * the 40P01 errors its clients met (retried), the server's own count agrees, and the clients spent
     * time waiting for each other's row locks.
     */
    @Test
    void deadlocksAndLockWaitsAreCounted(@TempDir Path results) throws Exception {
        Scenario scenario = ScenarioReader.read(Path.of(getClass().getResource("/load/deadlocks.yaml").toURI()));
        LoadSpec spec = new LoadSpec("none", scenario, "small", "none", 4, Duration.ZERO, Duration.ofSeconds(4), 0,
                false, false, 42);

        LoadRun run = LoadRunner.run(server, spec, results).run();

        assertThat(run.contention().deadlocks()).as("deadlocks the clients met").isPositive();
        assertThat(run.contention().serverDeadlocks()).as("deadlocks the server detected").isPositive();
        assertThat(run.contention().lockWaitSeconds()).as("time spent waiting for row locks").isPositive();
        assertThat(run.contention().maxWaiting()).isPositive();
    }
}
