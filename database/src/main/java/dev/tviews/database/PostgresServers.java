package dev.tviews.database;

/** Opens a {@link PostgresServer} for a set of {@link PostgresOptions}. */
public final class PostgresServers {

    private PostgresServers() {
    }

    public static PostgresServer open(PostgresOptions options) {
        return switch (options.provider()) {
            case EMBEDDED -> EmbeddedPostgresServer.start(options.majorVersion(), options.settings());
            case EXTERNAL -> ExternalPostgresServer.open(options.jdbcUrl().orElseThrow());
            case TESTCONTAINERS -> ContainerPostgresServer.start(options.majorVersion());
            case LOCAL -> LocalPostgresServer.start(options.pgBin().map(LocalPostgresBinaries::of).orElseGet(
                    () -> LocalPostgresBinaries.require(options.majorVersion(), options.preloadedLibraries())),
                    options.settings());
        };
    }

    /** The server this process is configured for (see {@link PostgresOptions#fromEnvironment()}). */
    public static PostgresServer openDefault() {
        return open(PostgresOptions.fromEnvironment());
    }
}
