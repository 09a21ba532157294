package dev.tviews.database;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local provider on this machine's installed PostgreSQL: started with extra settings, stopped
 * without a process or directory left behind by close(), by SIGTERM to its JVM (the shutdown hook),
 * and, after a SIGKILL of its JVM, by the next start. Skipped where no PostgreSQL is installed.
 */
class LocalLifecycleTest {

    private static LocalPostgresBinaries binaries;

    @BeforeAll
    static void installed() {
        Optional<LocalPostgresBinaries> found = LocalPostgresBinaries.find(PostgresOptions.ANY_MAJOR, List.of());
        assumeTrue(found.isPresent(), "no installed PostgreSQL under /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin "
                + "(Debian: apt-get install postgresql-15) - the local provider is not tested here");
        binaries = found.get();
    }

    /**
     * One test, as each start costs an initdb (1-3 s): two child JVMs each start a server; one gets SIGTERM
     * (its shutdown hook must stop the server), one SIGKILL (its server is orphaned); then a server
     * started here must have removed the orphan, use the extra settings, and leave nothing behind on close.
     */
    @Test
    void stopsOnCloseOnSigtermAndCleansUpAfterSigkill() throws Exception {
        Process terminatedJvm = Child.launch(binaries.bin());
        Process killedJvm = Child.launch(binaries.bin());
        Child terminated = Child.read(terminatedJvm);
        Child killed = Child.read(killedJvm);

        terminatedJvm.destroy(); // SIGTERM: the shutdown hook stops the server
        assertThat(terminatedJvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(terminated.postmaster)).as("SIGTERM stops the server").isEmpty();
        assertThat(terminated.directory).as("SIGTERM removes the directory").doesNotExist();

        killedJvm.destroyForcibly(); // SIGKILL: no hook runs, the server is orphaned
        killedJvm.waitFor(60, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(killed.postmaster)).as("a SIGKILL orphans the server").isPresent();

        LocalPostgresServer server = (LocalPostgresServer) PostgresServers.open(
                PostgresOptions.local(binaries.major(), Optional.of(binaries.bin()), Map.of("work_mem", "7MB")));
        Path directory = server.directory();
        long pid = server.pid();
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('work_mem'), current_setting('fsync')")) {
            assertThat(ProcessHandle.of(killed.postmaster)).as("the next start stops the orphan").isEmpty();
            assertThat(killed.directory).as("the next start removes the orphan's directory").doesNotExist();
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("7MB");
            assertThat(rs.getString(2)).isEqualTo("off");
            assertThat(server.serverMajorVersion()).isEqualTo(binaries.major());
            assertThat(server.describe()).contains("local PostgreSQL " + binaries.major());
            assertThat(ProcessHandle.of(pid)).as("the postmaster runs").isPresent();
            assertThat(directory.resolve("data")).isDirectory();
        } finally {
            server.close();
        }
        assertThat(ProcessHandle.of(pid)).as("no postmaster survives close").isEmpty();
        assertThat(processesUsing(directory)).as("no postgres process survives close").isEmpty();
        assertThat(directory).as("the directory is removed").doesNotExist();
        assertThatThrownBy(() -> server.connect().close()).isInstanceOf(SQLException.class);
        server.close(); // twice is harmless
    }

    @Test
    void refusesADirectoryWithoutPostgresAndSaysWhatToGive() {
        assertThatThrownBy(() -> PostgresServers.open(PostgresOptions.local(PostgresOptions.ANY_MAJOR,
                Optional.of(Path.of("/nonexistent/bin")), Map.of())))
                .hasMessageContaining("/nonexistent/bin has no executable initdb")
                .hasMessageContaining("--pg-bin");
        assertThatThrownBy(() -> LocalPostgresBinaries.require(PostgresOptions.ANY_MAJOR, List.of("no_such_library")))
                .hasMessageContaining("with no_such_library in its library directory")
                .hasMessageContaining("PostgreSQL " + binaries.major() + " at " + binaries.bin());
    }

    static List<ProcessHandle> processesUsing(Path directory) {
        String path = directory.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres") && cmd.contains(path)).orElse(false))
                .toList();
    }

    /** A JVM running {@link LocalServerMain}, with the postmaster it started and its directory. */
    private record Child(Process process, long postmaster, Path directory) {
        static Process launch(Path bin) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), LocalServerMain.class.getName(), bin.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        }

        static Child read(Process p) throws IOException {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the child JVM reports its server").isNotNull().startsWith("started ");
            String[] parts = line.split(" ", 3);
            Child child = new Child(p, Long.parseLong(parts[1]), Path.of(parts[2]));
            assertThat(Files.isDirectory(child.directory)).isTrue();
            return child;
        }
    }
}
