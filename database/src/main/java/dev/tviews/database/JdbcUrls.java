package dev.tviews.database;

import org.postgresql.Driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Parsing, re-targeting and redacting PostgreSQL JDBC URLs, with pgjdbc's own parser. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The parts of a URL: where the server is, which database, and every other property (credentials included). */
    record Parsed(String hostsAndPorts, String database, Properties properties) {
    }

    static Parsed parse(String url) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: it must start with jdbc:postgresql:// "
                    + "(the URL itself is not shown because it may contain a password)");
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                where.append(',');
            }
            where.append(hosts[i]).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        String database = parsed.getProperty("PGDBNAME", "postgres");
        Properties rest = new Properties();
        for (String name : parsed.stringPropertyNames()) {
            if (!name.equals("PGHOST") && !name.equals("PGPORT") && !name.equals("PGDBNAME")) {
                rest.setProperty(name, parsed.getProperty(name));
            }
        }
        return new Parsed(where.toString(), database, rest);
    }

    static String encodePathSegment(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
