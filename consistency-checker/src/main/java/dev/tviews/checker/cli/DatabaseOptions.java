package dev.tviews.checker.cli;

import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresProvider;
import picocli.CommandLine.Option;

import java.util.Optional;

/** The options every command of benchmarks.jar shares to choose its PostgreSQL server (a picocli mixin). */
public final class DatabaseOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Use this server instead of the embedded one (default: $TVIEWS_JDBC_URL): a JDBC URL "
                    + "(jdbc:postgresql://host:5432/db?user=u&password=p) or a libpq URI (postgresql://u:p@host:5432/db; "
                    + "postgresql:///db?host=/var/run/postgresql for a server on a Unix socket only). "
                    + "User and password are never printed. The checker's commands "
                    + "need CREATEDB there: scenarios are loaded into template databases and cloned, reproducers replay "
                    + "in a new database.")
    String jdbcUrl;

    @Option(names = "--pg-major", paramLabel = "N",
            description = "Major version of the embedded or container server: 14 or 18 (default: 18).")
    Integer major;

    @Option(names = "--provider", paramLabel = "KIND",
            description = "embedded (default), external (implied by --jdbc-url) or testcontainers (needs Docker).")
    String provider;

    public PostgresOptions toOptions() {
        PostgresOptions fromEnv = PostgresOptions.fromEnvironment();
        int chosenMajor = major != null ? major : fromEnv.majorVersion();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return PostgresOptions.external(jdbcUrl.trim());
        }
        PostgresProvider kind = provider == null ? fromEnv.provider() : PostgresProvider.parse(provider);
        return switch (kind) {
            case EMBEDDED -> PostgresOptions.embedded(chosenMajor);
            case TESTCONTAINERS -> PostgresOptions.testcontainers(chosenMajor);
            case EXTERNAL -> new PostgresOptions(kind, chosenMajor, Optional.ofNullable(fromEnv.jdbcUrl().orElse(null)));
        };
    }
}
