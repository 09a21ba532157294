package dev.tviews.reports;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ReplicationRun;
import dev.tviews.reports.model.ResultsFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's read-scaling table: one row per load run with replicas, reads per second from the load run. */
class ReadScalingTest {

    @Test
    void aRunWithAReplicaShowsItsLagAndTheReadsItServed(@TempDir Path dir) throws IOException {
        // 1,000 operations in 10 s, 600 of them writes: 40 reads per second.
        ResultsFolder.writeLoadRun(dir, new LoadRun("tviews-statement", "ecommerce", 8, 10.0,
                List.of(new LoadRun.ThroughputSample(10.0, 100)), 1_000L, 0L, 600L, 900_000L, 0L, List.of(), null, null));
        org.HdrHistogram.Histogram lag = new org.HdrHistogram.Histogram(3);
        for (int i = 1; i <= 284; i++) {
            lag.recordValue(i * 300_000L);
        }
        ResultsFolder.writeReplication(dir, new ReplicationRun("tviews-statement", 1, true, 284L, 5.2, 38.9, 95.3,
                285_960L, 3L), lag);

        String html = Files.readString(ReportGenerator.generate(dir));

        List<String> rows = new PageInspector(html).tableRows("replication");
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("tviews-statement").contains("40 /s")
                .contains("5.2 ms").contains("38.9 ms").contains("95.3 ms").contains("284"));
        assertThat(html).contains("id=\"read-scaling\"");
        assertThat(new PageInspector(html).figures()).filteredOn(f -> f.id().equals("latency-" + ResultsFolder.REPLICA_LAG))
                .singleElement().satisfies(f -> assertThat(f.missing()).isFalse());
    }

    @Test
    void aLoadRunWithoutReplicasHasNoReadScalingSection(@TempDir Path dir) throws IOException {
        ResultsFolder.writeLoadRun(dir, new LoadRun("tviews-statement", "ecommerce", 8, 10.0,
                List.of(new LoadRun.ThroughputSample(10.0, 100)), 1_000L, 0L, 600L, 900_000L, 0L, List.of(), null, null));

        String html = Files.readString(ReportGenerator.generate(dir));

        assertThat(html).contains("tviews-statement").doesNotContain("Read scaling").doesNotContain("id=\"read-scaling\"");
    }
}
