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
    void sigtermStopsTheServer() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(javaBin, "-cp", classPath, TviewsCommand.class.getName(), "server")
                .redirectErrorStream(true)
                .start();
        String port = null;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Pattern portPattern = Pattern.compile("localhost:(\\d+)");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m = portPattern.matcher(line);
                if (port == null && m.find()) {
                    port = m.group(1);
                }
                if (line.startsWith("running")) {
                    break;
                }
            }
            assertThat(port).as("the server announced its port").isNotNull();
            assertThat(postgresOnPort(port)).as("postgres runs on port " + port).isNotEmpty();

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
