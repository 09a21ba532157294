package dev.tviews.reports.model;

/**
 * Where the main job's peers comparison lives in a results folder: {@code peers/<scale>-c<clients>/}, each a
 * results folder of its own ({@code load/<strategy>.json}, {@code histograms/<strategy>/}).
 */
public final class PeersLayout {
    public static final String DIR = "peers";

    /** What the report and the console say when no installed PostgreSQL has pg_ivm. */
    public static final String HOW_TO_INSTALL = "no installed PostgreSQL has pg_ivm (looked under /usr/lib/postgresql/*/lib "
            + "and /usr/pgsql-*/lib). Install Debian's PostgreSQL 15 and its server headers (apt-get install postgresql-15 "
            + "postgresql-server-dev-15 make gcc), then pg_ivm (the project's pg-ivm-install tool, or pg_ivm's own "
            + "make install), and run the main job again";

    private PeersLayout() {
    }

    public static String group(String scale, int clients) {
        return scale + "-c" + clients;
    }
}
