package dev.tviews.checker.cli;

import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Shared by the command tests: the test run's server as a JDBC URL, so that commands start no second server. */
final class CliTests {

    private CliTests() {
    }

    static String url(PostgresServer server) {
        String env = System.getenv(PostgresOptions.JDBC_URL_ENV);
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
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
