package dev.tviews.checker.cli;

import dev.tviews.database.PostgresOptions;
import picocli.CommandLine.Option;

/** The server options the checker's commands share (a picocli mixin). */
public final class ServerOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Use this server instead of the embedded one (default: $TVIEWS_JDBC_URL). The user needs "
                    + "CREATEDB: scenarios are loaded into template databases and cloned, reproducers replay in a new "
                    + "database. Credentials are never printed.")
    String jdbcUrl;

    @Option(names = "--pg-major", paramLabel = "N", description = "Major version of the embedded server: 14 or 18 (default: 18).")
    Integer pgMajor;

    PostgresOptions postgresOptions() {
        return jdbcUrl != null && !jdbcUrl.isBlank() ? PostgresOptions.external(jdbcUrl.trim())
                : pgMajor != null ? PostgresOptions.embedded(pgMajor) : PostgresOptions.fromEnvironment();
    }
}
