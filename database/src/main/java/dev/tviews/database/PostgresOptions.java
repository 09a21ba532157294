package dev.tviews.database;

import java.util.Map;
import java.util.Optional;

/**
 * How to obtain a PostgreSQL server.
 *
 * @param provider  which provider to use
 * @param majorVersion the PostgreSQL major for the embedded and container providers
 * @param jdbcUrl   the server for the external provider (may carry user and password)
 */
public record PostgresOptions(PostgresProvider provider, int majorVersion, Optional<String> jdbcUrl) {

    public static final int DEFAULT_MAJOR = 18;
    /** System property choosing the PostgreSQL major of embedded and container servers. */
    public static final String MAJOR_PROPERTY = "tviews.pg.major";
    /** Environment variable naming an external server; it wins over the embedded default. */
    public static final String JDBC_URL_ENV = "TVIEWS_JDBC_URL";
    public static final String MAJOR_ENV = "TVIEWS_PG_MAJOR";

    public PostgresOptions {
        if (provider == PostgresProvider.EXTERNAL && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("The external provider needs a JDBC URL: pass --jdbc-url or set "
                    + JDBC_URL_ENV);
        }
    }

    public static PostgresOptions embedded(int majorVersion) {
        return new PostgresOptions(PostgresProvider.EMBEDDED, majorVersion, Optional.empty());
    }

    public static PostgresOptions external(String jdbcUrl) {
        return new PostgresOptions(PostgresProvider.EXTERNAL, DEFAULT_MAJOR, Optional.of(jdbcUrl));
    }

    public static PostgresOptions testcontainers(int majorVersion) {
        return new PostgresOptions(PostgresProvider.TESTCONTAINERS, majorVersion, Optional.empty());
    }

    /**
     * The options this process was configured with: {@code TVIEWS_JDBC_URL} selects an external
     * server, otherwise the embedded one at {@code -Dtviews.pg.major} / {@code TVIEWS_PG_MAJOR}.
     */
    public static PostgresOptions fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty(MAJOR_PROPERTY));
    }

    static PostgresOptions fromEnvironment(Map<String, String> env, String majorProperty) {
        String url = env.get(JDBC_URL_ENV);
        if (url != null && !url.isBlank()) {
            return external(url.trim());
        }
        String major = majorProperty != null && !majorProperty.isBlank() ? majorProperty : env.get(MAJOR_ENV);
        return embedded(major == null || major.isBlank() ? DEFAULT_MAJOR : parseMajor(major));
    }

    public static int parseMajor(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PostgreSQL major version '" + text
                    + "' is not a number: use one of " + PostgresBinaries.supportedMajors(), e);
        }
    }
}
