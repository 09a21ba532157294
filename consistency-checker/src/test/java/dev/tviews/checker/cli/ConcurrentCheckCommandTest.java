package dev.tviews.checker.cli;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --sessions N}: the concurrency checker on any scenario, as a user runs it. */
@ExtendWith(PostgresExtension.class)
class ConcurrentCheckCommandTest {

    private static CliTests.Run run(PostgresServer server, String... args) {
        return CliTests.check(server, args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tviews-statement", "tviews-row"})
    void theCorrectEngineStaysExactUnderConcurrentSessions(String engine, PostgresServer server) {
        CliTests.Run r = run(server, "--scenario", "ecommerce", "--engine", engine, "--sessions", "4",
                "--isolation", "read-committed", "--duration", "2s", "--seed", "11");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("4 concurrent sessions at read committed").contains("0 failures")
                .containsPattern("[1-9][0-9]* commits").containsPattern("[1-9][0-9]* checks");
    }

    @Test
    void brokenNoLockingIsCaughtAndShrunkIntoAReplayableReproducer(PostgresServer server, @TempDir Path dir)
            throws Exception {
        Path reproducer = dir.resolve("no-locking.sql");
        CliTests.Run r = run(server, "--scenario", "variants", "--engine", "broken-no-locking", "--sessions", "2",
                "--duration", "60s", "--seed", "1", "--log", reproducer.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("read models are stale after round").contains("1-minimal")
                .contains("replay: java -jar benchmarks.jar replay " + reproducer.toAbsolutePath());
        assertThat(Files.readString(reproducer)).contains("found by: java -jar benchmarks.jar check --scenario variants "
                + "--engine broken-no-locking --sessions 2");

        StringWriter out = new StringWriter();
        CommandLine replay = new CommandLine(new ReplayCommand());
        replay.setOut(new PrintWriter(out, true));
        replay.setErr(new PrintWriter(out, true));
        int exit = replay.execute(reproducer.toString(), "--jdbc-url", CliTests.url(server));
        assertThat(out.toString()).as("the shrunk reproducer replays to the failure").contains("REPRODUCED");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void badArgumentsSayWhatToDo(PostgresServer server) {
        CliTests.Run level = run(server, "--scenario", "social", "--sessions", "2", "--isolation", "snapshot");
        assertThat(level.exit()).isEqualTo(2);
        assertThat(level.err()).contains("'snapshot' is not an isolation level: use read-committed, repeatable-read, "
                + "serializable (comma-separated) or all");
        CliTests.Run one = run(server, "--scenario", "social", "--sessions", "1");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("at least 2 sessions, not 1");
        CliTests.Run transactions = run(server, "--scenario", "social", "--sessions", "2", "--transactions", "10");
        assertThat(transactions.exit()).isEqualTo(2);
        assertThat(transactions.err()).contains("--transactions does not apply with --sessions");
    }
}
