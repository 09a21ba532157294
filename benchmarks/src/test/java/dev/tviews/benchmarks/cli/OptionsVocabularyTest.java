package dev.tviews.benchmarks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 through the jar's entry point: one duration syntax and one strategy spelling in every command, errors
 * that name the flag and its valid values, and a load run of two seconds that ends with a report.
 */
class OptionsVocabularyTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TviewsCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void wrongValuesAreRefusedNamingTheFlagAndWhatItTakes() {
        Run duration = run("load", "--scenario", "ecommerce", "--duration", "10 parsecs");
        assertThat(duration.exit()).isEqualTo(2);
        assertThat(duration.err()).contains("--duration").contains("10s, 5m, 1h");

        Run strategy = run("load", "--scenario", "ecommerce", "--strategy", "tviews-statement,ivm-magic");
        assertThat(strategy.exit()).isEqualTo(2);
        assertThat(strategy.err()).contains("--strategy ivm-magic").contains("pg-ivm").contains("hand-written");

        Run scale = run("load", "--scenario", "social", "--scale", "enormous");
        assertThat(scale.exit()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale enormous").contains("use one of").contains("small");

        Run check = run("check", "--scenario", "social", "--strategy", "ivm-magic");
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains("--strategy ivm-magic").contains("pg-ivm");

        Run checkDuration = run("check", "--scenario", "social", "--duration", "soon");
        assertThat(checkDuration.exit()).isEqualTo(2);
        assertThat(checkDuration.err()).contains("--duration").contains("10s, 5m, 1h");
    }

    @Test
    void pgIvmHasOneNameWhicheverWayItIsWritten() {
        Run underscore = run("load", "--scenario", "ecommerce", "--strategy", "pg_ivm", "--duration", "ten");
        Run hyphen = run("load", "--scenario", "ecommerce", "--strategy", "pg-ivm", "--duration", "ten");
        // Both pass the strategy check and stop at the same duration error: the same strategy.
        assertThat(underscore.err()).doesNotContain("unknown strategy").contains("--duration");
        assertThat(hyphen.err()).doesNotContain("unknown strategy").contains("--duration");
    }

    /** Issue 21 items 5, 6 and 8: units, files only in the results folder, a load report that leads with ratios. */
    @Test
    void aRepeatedOneSecondLoadRunWithAReplicaTakesUnitsAlternatesAndEndsWithAReportOfRatios(@TempDir Path dir)
            throws IOException {
        List<Path> before = listing(Path.of("."));
        Path results = dir.resolve("short");

        // One streaming standby for the whole run: the scenario's reads go there, its visibility lag is measured.
        Run load = run("load", "--scenario", "ecommerce", "--strategy", "tviews-statement,hand-written", "--clients", "2",
                "--duration", "1s", "--warmup", "0s", "--repeat", "2", "--output", results.toString(),
                "--replicas", "1", "--reads");

        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out().lines().filter(l -> l.contains(" tx/s")).map(l -> l.substring(0, l.indexOf(':'))))
                .as("order A B, B A").containsExactly("tviews-statement.r1", "hand-written.r1", "hand-written.r2",
                        "tviews-statement.r2");
        assertThat(load.out()).contains("report: ").containsPattern("replicas \\(1\\): visibility lag p50 [0-9.]+ ms")
                .contains("the reads ran there");
        assertThat(load.err()).contains("replica: embedded standby");
        assertThat(results.resolve("load/hand-written.r2.json")).exists();
        assertThat(Files.readString(results.resolve("replication/tviews-statement.r1.json")))
                .contains("\"readsOnReplicas\" : true").doesNotContain("\"lagSamples\" : 0,");
        String html = Files.readString(results.resolve("report.html"));
        String glance = html.substring(html.indexOf("id=\"glance\""), html.indexOf("id=\"load\""));
        assertThat(glance).contains("Throughput tviews-statement ÷ hand-written").contains("stale rows")
                .contains("2 runs each").doesNotContain("not measured");
        assertThat(html).contains("id=\"read-scaling\"");
        assertThat(Files.readString(results.resolve("summary.json"))).contains("\"state\" : \"complete\"");
        assertThat(listing(Path.of("."))).as("nothing written outside the results folder").isEqualTo(before);
        assertThat(run("load", "--scenario", "ecommerce", "--repeat", "0").err()).contains("--repeat 0: must be 1 or more");
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
