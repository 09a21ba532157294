package dev.tviews.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How to obtain a PostgreSQL server.
 *
 * @param provider  which provider to use
 * @param majorVersion the PostgreSQL major for the embedded and container providers
 * @param jdbcUrl   the server for the external provider (may carry user and password)
 * @param pgBin     the local provider's installation; empty to find one under /usr/lib/postgresql
 * @param settings  extra server settings for the servers this process starts (embedded, local), in order
 */
public record PostgresOptions(PostgresProvider provider, int majorVersion, Optional<String> jdbcUrl,
                              Optional<Path> pgBin, Map<String, String> settings) {

    public static final int DEFAULT_MAJOR = 18;
    /** System property choosing the PostgreSQL major of embedded and container servers. */
    public static final String MAJOR_PROPERTY = "tviews.pg.major";
    /** Environment variable naming an external server; it wins over the embedded default. */
    public static final String JDBC_URL_ENV = "TVIEWS_JDBC_URL";
    public static final String MAJOR_ENV = "TVIEWS_PG_MAJOR";
    /** System property / environment variable choosing the provider (embedded, local, testcontainers). */
    public static final String PROVIDER_PROPERTY = "tviews.pg.provider";
    public static final String PROVIDER_ENV = "TVIEWS_PG_PROVIDER";
    /** System property / environment variable naming the local provider's bin directory (implies local). */
    public static final String BIN_PROPERTY = "tviews.pg.bin";
    public static final String BIN_ENV = "TVIEWS_PG_BIN";
    /** System property / environment variable with extra server settings, {@code name=value;name=value}. */
    public static final String SETTINGS_PROPERTY = "tviews.pg.settings";
    public static final String SETTINGS_ENV = "TVIEWS_PG_SETTINGS";
    /** The local provider's major when none was asked for: the newest installed that has the preloaded libraries. */
    public static final int ANY_MAJOR = 0;

    public PostgresOptions {
        if (provider == PostgresProvider.EXTERNAL && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("The external provider needs a JDBC URL: pass --jdbc-url or set "
                    + JDBC_URL_ENV);
        }
        if (pgBin.isPresent() && provider != PostgresProvider.LOCAL) {
            throw new IllegalArgumentException("--pg-bin " + pgBin.get() + " names installed binaries, which only the "
                    + "local provider uses, not " + provider.label() + ": leave out --provider or give --provider local");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public PostgresOptions(PostgresProvider provider, int majorVersion, Optional<String> jdbcUrl) {
        this(provider, majorVersion, jdbcUrl, Optional.empty(), Map.of());
    }

    /**
     * A throwaway cluster of an installed PostgreSQL: {@code pgBin}, or else the newest installation of
     * {@code majorVersion} ({@link #ANY_MAJOR} for any) that has the libraries of {@code shared_preload_libraries}.
     */
    public static PostgresOptions local(int majorVersion, Optional<Path> pgBin, Map<String, String> settings) {
        return new PostgresOptions(PostgresProvider.LOCAL, majorVersion, Optional.empty(), pgBin, settings);
    }

    /** The same options with {@code more} settings on top (they win). */
    public PostgresOptions withSettings(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(more);
        return new PostgresOptions(provider, majorVersion, jdbcUrl, pgBin, all);
    }

    /** The same options with {@code library} added to {@code shared_preload_libraries}. */
    public PostgresOptions preloading(String library) {
        List<String> libraries = new ArrayList<>(preloadedLibraries());
        if (!libraries.contains(library)) {
            libraries.add(library);
        }
        return withSettings(Map.of("shared_preload_libraries", String.join(",", libraries)));
    }

    /** The libraries named in the {@code shared_preload_libraries} setting. */
    public List<String> preloadedLibraries() {
        String value = settings.get("shared_preload_libraries");
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(l -> l.trim().replace("'", "").replace("\"", ""))
                .filter(l -> !l.isEmpty()).toList();
    }

    /** {@code name=value} as given to {@code --pg-setting}; says what is wrong otherwise. */
    public static Map.Entry<String, String> parseSetting(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("server setting '" + text + "' is not NAME=VALUE: give e.g. "
                    + "--pg-setting shared_preload_libraries=pg_ivm");
        }
        return Map.entry(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** {@code name=value;name=value} (the {@value #SETTINGS_ENV} form) in order. */
    public static Map<String, String> parseSettings(String text) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                Map.Entry<String, String> e = parseSetting(part);
                all.put(e.getKey(), e.getValue());
            }
        }
        return all;
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
     * server; {@code -Dtviews.pg.provider} / {@code TVIEWS_PG_PROVIDER} (or a bin directory in
     * {@code -Dtviews.pg.bin} / {@code TVIEWS_PG_BIN}) another provider; otherwise the embedded one at
     * {@code -Dtviews.pg.major} / {@code TVIEWS_PG_MAJOR}. Settings come from {@code -Dtviews.pg.settings} /
     * {@code TVIEWS_PG_SETTINGS}. System properties win over environment variables.
     */
    public static PostgresOptions fromEnvironment() {
        return fromSources(System.getenv(), System::getProperty);
    }

    static PostgresOptions fromEnvironment(Map<String, String> env, String majorProperty) {
        return fromSources(env, name -> MAJOR_PROPERTY.equals(name) ? majorProperty : null);
    }

    static PostgresOptions fromSources(Map<String, String> env, UnaryOperator<String> properties) {
        String url = env.get(JDBC_URL_ENV);
        if (url != null && !url.isBlank()) {
            return external(url.trim());
        }
        String major = either(properties.apply(MAJOR_PROPERTY), env.get(MAJOR_ENV));
        String bin = either(properties.apply(BIN_PROPERTY), env.get(BIN_ENV));
        String provider = either(properties.apply(PROVIDER_PROPERTY), env.get(PROVIDER_ENV));
        String settings = either(properties.apply(SETTINGS_PROPERTY), env.get(SETTINGS_ENV));
        PostgresProvider kind = provider != null ? PostgresProvider.parse(provider)
                : bin != null ? PostgresProvider.LOCAL : PostgresProvider.EMBEDDED;
        Map<String, String> extra = settings == null ? Map.of() : parseSettings(settings);
        return switch (kind) {
            case LOCAL -> local(major == null ? ANY_MAJOR : parseMajor(major), Optional.ofNullable(bin).map(Path::of), extra);
            case EXTERNAL -> throw new IllegalArgumentException("The external provider needs a JDBC URL: set " + JDBC_URL_ENV);
            default -> new PostgresOptions(kind, major == null ? DEFAULT_MAJOR : parseMajor(major), Optional.empty(),
                    Optional.empty(), extra);
        };
    }

    private static String either(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        return second != null && !second.isBlank() ? second.trim() : null;
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
