package dev.tviews.checker.cli;

import dev.tviews.database.LocalPostgresBinaries;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresProvider;
import picocli.CommandLine.Option;

import dev.tviews.scenarios.engine.PgIvmReadModels;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            description = "Major version of the embedded or container server: 14 or 18 (default: 18); for the local "
                    + "provider any installed major (default: the newest installed).")
    Integer major;

    @Option(names = "--provider", paramLabel = "KIND",
            description = "embedded (default), external (implied by --jdbc-url), testcontainers (needs Docker) or local "
                    + "(an installed PostgreSQL, implied by --pg-bin).")
    String provider;

    @Option(names = "--pg-bin", paramLabel = "DIR",
            description = "The local provider's installed PostgreSQL, e.g. /usr/lib/postgresql/15/bin (default: the "
                    + "newest found under /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin).")
    Path pgBin;

    @Option(names = "--pg-setting", paramLabel = "NAME=VALUE",
            description = "A server setting for the embedded or local server, repeatable, e.g. "
                    + "--pg-setting shared_preload_libraries=pg_ivm.")
    List<String> settings;

    public PostgresOptions toOptions() {
        PostgresOptions fromEnv = PostgresOptions.fromEnvironment();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return PostgresOptions.external(jdbcUrl.trim());
        }
        PostgresProvider kind = provider != null ? PostgresProvider.parse(provider)
                : pgBin != null ? PostgresProvider.LOCAL : fromEnv.provider();
        if (pgBin != null && kind != PostgresProvider.LOCAL) {
            throw new IllegalArgumentException("--pg-bin " + pgBin + " names installed binaries, which only the local "
                    + "provider uses, not " + kind.label() + ": leave out --provider or give --provider local");
        }
        Map<String, String> extra = new LinkedHashMap<>(fromEnv.settings());
        if (settings != null) {
            settings.stream().map(PostgresOptions::parseSetting).forEach(e -> extra.put(e.getKey(), e.getValue()));
        }
        return switch (kind) {
            case EMBEDDED -> PostgresOptions.embedded(major != null ? major : fromEnv.majorVersion()).withSettings(extra);
            case TESTCONTAINERS -> PostgresOptions.testcontainers(major != null ? major : fromEnv.majorVersion());
            case LOCAL -> PostgresOptions.local(major != null ? major
                            : fromEnv.provider() == PostgresProvider.LOCAL ? fromEnv.majorVersion() : PostgresOptions.ANY_MAJOR,
                    pgBin != null ? Optional.of(pgBin) : fromEnv.pgBin(), extra);
            case EXTERNAL -> new PostgresOptions(kind, fromEnv.majorVersion(), Optional.ofNullable(fromEnv.jdbcUrl().orElse(null)));
        };
    }

    /**
     * The options for running {@code strategies}: as {@link #toOptions()}, except for strategies that need a
     * library preloaded in the server (pg-ivm): where neither a URL nor a provider was chosen, and an
     * installed PostgreSQL has the library, that one is started (local provider) with the library in
     * {@code shared_preload_libraries}; with {@code --provider local} the library is preloaded too. Where no
     * installation has it, the default server is used, and the strategy says what to install.
     */
    public PostgresOptions toOptionsFor(Collection<String> strategies) {
        List<String> libraries = strategies.stream().anyMatch(PgIvmReadModels::named)
                ? List.of(PgIvmReadModels.LIBRARY) : List.of();
        PostgresOptions chosen = toOptions();
        if (libraries.isEmpty() || chosen.provider() == PostgresProvider.EXTERNAL || chosen.provider() == PostgresProvider.TESTCONTAINERS) {
            return chosen;
        }
        boolean defaultProvider = provider == null && pgBin == null && PostgresOptions.fromEnvironment().provider() == PostgresProvider.EMBEDDED;
        if (chosen.provider() == PostgresProvider.EMBEDDED && defaultProvider) {
            int wanted = major != null ? major : PostgresOptions.ANY_MAJOR;
            if (LocalPostgresBinaries.find(wanted, libraries).isEmpty()) {
                return chosen;
            }
            chosen = PostgresOptions.local(wanted, Optional.empty(), chosen.settings());
        }
        if (chosen.provider() == PostgresProvider.LOCAL) {
            for (String library : libraries) {
                chosen = chosen.preloading(library);
            }
        }
        return chosen;
    }
}
