package dev.tviews.benchmarks.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TviewsCommandTest {

    @Test
    void helpListsTheCommands() {
        StringWriter out = new StringWriter();
        int exit = TviewsCommand.commandLine().setOut(new PrintWriter(out)).execute("--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("server").contains("jmh").contains("load").contains("report").contains("info")
                .contains("--profile").contains("--jdbc-url").contains("--pg-major");
    }

    @Test
    void infoStartsPrintsTheVersionAndSettingsAndStops() {
        StringWriter out = new StringWriter();
        int exit = TviewsCommand.commandLine().setOut(new PrintWriter(out)).execute("info");
        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("embedded PostgreSQL 18 on localhost:\\d+: 18\\.\\d+")
                .contains("synchronous_commit = off").contains("fsync = off").contains("stopped");
    }

    @Test
    void anUnknownProfileExitsNonZeroWithTheReason() {
        StringWriter err = new StringWriter();
        int exit = TviewsCommand.commandLine().setErr(new PrintWriter(err)).execute("--profile", "huge");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("Unknown profile 'huge': use quick or full");
    }

    @Test
    void aBadOptionExitsNonZeroWithTheReason() {
        StringWriter err = new StringWriter();
        int exit = TviewsCommand.commandLine().setErr(new PrintWriter(err)).execute("info", "--pg-major", "9");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("PostgreSQL 9 is not bundled");
    }

    @Test
    void anUnreachableLibpqUriSaysWhatWasTriedWithoutThePassword() {
        StringWriter err = new StringWriter();
        int exit = TviewsCommand.commandLine().setErr(new PrintWriter(err))
                .execute("info", "--jdbc-url", "postgresql://me:hunter2@127.0.0.1:1/shop?connect_timeout=2");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("external PostgreSQL at 127.0.0.1:1/shop").contains("tried TCP to 127.0.0.1:1")
                .contains("host=/var/run/postgresql").doesNotContain("hunter2");
    }

    /** Also the Unix-socket path of issue 21: the server's socket URI, given to another command as --jdbc-url. */
    @Test
    void sigtermStopsTheServer() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(javaBin, "-cp", classPath, TviewsCommand.class.getName(), "server")
                .redirectErrorStream(true)
                .start();
        String port = null;
        String socketUri = null;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Pattern portPattern = Pattern.compile("localhost:(\\d+)");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m = portPattern.matcher(line);
                if (port == null && m.find()) {
                    port = m.group(1);
                }
                if (line.startsWith("Unix socket: ")) {
                    socketUri = line.substring("Unix socket: ".length());
                }
                if (line.startsWith("running")) {
                    break;
                }
            }
            assertThat(port).as("the server announced its port").isNotNull();
            assertThat(postgresOnPort(port)).as("postgres runs on port " + port).isNotEmpty();

            assertThat(socketUri).as("the server prints its socket as a libpq URI").startsWith("postgresql:///postgres?host=/");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = TviewsCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("info", "--jdbc-url", socketUri);
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("external PostgreSQL at Unix socket /").contains(".s.PGSQL." + port);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(postgresOnPort(port)).as("no postgres process survives SIGTERM").isEmpty();
    }

    private static List<ProcessHandle> postgresOnPort(String port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine()
                        .map(cmd -> cmd.contains("bin" + File.separator + "postgres") && cmd.contains("-p " + port))
                        .orElse(false))
                .toList();
    }
}
