package dev.tviews.checker.cli;

import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared by the command tests: the test run's server as a JDBC URL, so that commands start no second server. */
public final class CliTests {

    private CliTests() {
    }

    /** What a command printed and returned. */
    public record Run(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** Runs {@code check} as a user would, against the test run's server, without progress lines. */
    static Run check(PostgresServer server, String... args) {
        return check(url(server), args);
    }

    /** Runs {@code check} against the server at {@code jdbcUrl} (another role, a pooler), without progress lines. */
    public static Run check(String jdbcUrl, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", jdbcUrl, "--progress-every", "0"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static String url(PostgresServer server) {
        String env = System.getenv(PostgresOptions.JDBC_URL_ENV);
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return urlOf(server);
    }

    /** {@code server}'s URL with its credentials, whatever the environment says (a server the test started). */
    public static String urlOf(PostgresServer server) {
        StringBuilder url = new StringBuilder(server.jdbcUrl(server.maintenanceDatabase()));
        char sep = url.indexOf("?") < 0 ? '?' : '&';
        for (String name : server.connectionProperties().stringPropertyNames()) {
            url.append(sep).append(name).append('=')
                    .append(URLEncoder.encode(server.connectionProperties().getProperty(name), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.toString();
    }
}
