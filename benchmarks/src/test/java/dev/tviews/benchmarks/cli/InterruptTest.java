package dev.tviews.benchmarks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in the middle of a load run, through the jar's main: seconds to stop, one line, nothing left behind. */
class InterruptTest {

    @Test
    void sigintDuringALoadRunStopsMarksTheResultsIncompleteAndExits130(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("interrupted");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(javaBin, "-cp", classPath, TviewsCommand.class.getName(), "load",
                "--scenario", "ecommerce", "--strategy", "tviews-statement,hand-written", "--clients", "2",
                "--warmup", "0s", "--duration", "2m", "--output", results.toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        String port = null;
        Path socketDir = null;
        boolean[] carriageReturn = {false};
        try (LineReader reader = new LineReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                carriageReturn)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                Matcher m = Pattern.compile("^server: .*localhost:(\\d+)").matcher(line);
                if (port == null && m.find()) {
                    port = m.group(1);
                }
                if (line.contains("[tviews-statement]")) {
                    break; // the measured run has begun
                }
            }
            assertThat(port).as("load names its server: " + lines).isNotNull();
            socketDir = dataDirectory(port);
            assertThat(socketDir).as("the embedded server's data directory").isNotNull();
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops within seconds; output: " + lines).isTrue();
            System.out.printf("stopped %d ms after SIGINT%n", (System.nanoTime() - signalled) / 1_000_000);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            assertThat(process.exitValue()).isEqualTo(130);
            String last = lines.get(lines.size() - 1);
            assertThat(last).startsWith("interrupted by SIGINT during load tviews-statement after 0 of 2 part(s) done; "
                    + "partial results in " + results.toAbsolutePath());
            assertThat(String.join("\n", lines)).doesNotContain("Exception").doesNotContain("drop them by hand");
            assertThat(carriageReturn[0]).as("output to a pipe has plain progress lines, no carriage returns").isFalse();
            String summary = Files.readString(results.resolve("summary.json"));
            assertThat(summary).contains("\"state\" : \"incomplete\"").contains("load hand-written");
            assertThat(socketDir).as("the embedded server's directory is gone").doesNotExist();
        } finally {
            process.destroyForcibly();
        }
        {
            String p = port;
            assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                    .map(c -> c.contains("bin" + File.separator + "postgres") && c.contains("-p " + p)).orElse(false)))
                    .as("no postgres process survives").isEmpty();
        }
    }

    /** Lines ended by '\n' only, noting any carriage return (BufferedReader would take it for a line end). */
    private static final class LineReader implements AutoCloseable {
        private final java.io.Reader in;
        private final boolean[] carriageReturn;

        LineReader(java.io.Reader in, boolean[] carriageReturn) {
            this.in = in;
            this.carriageReturn = carriageReturn;
        }

        String readLine() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return line.toString();
                }
                if (c == '\r') {
                    carriageReturn[0] = true;
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            in.close();
        }
    }

    /** The data directory of the embedded server on {@code port}, from its postgres command line. */
    private static Path dataDirectory(String port) {
        return ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains("bin" + File.separator + "postgres") && c.contains("-p " + port))
                .map(c -> Pattern.compile("-D (\\S+)").matcher(c)).filter(Matcher::find)
                .map(m -> Path.of(m.group(1))).findFirst().orElse(null);
    }
}
