package dev.tviews.database;

import org.postgresql.Driver;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Parsing, re-targeting and redacting the connection strings users give: pgjdbc URLs
 * ({@code jdbc:postgresql://h:5432/db?user=u}) and libpq URIs ({@code postgresql://u:p@h:5432/db},
 * {@code postgres://…}, {@code postgresql:///db?host=/var/run/postgresql}). A host that is a directory
 * is a Unix-socket directory: the connection then goes through junixsocket's socket factory to
 * {@code <dir>/.s.PGSQL.<port>}, as libpq does. No message here ever contains the string itself,
 * since it may hold a password.
 */
final class JdbcUrls {

    /** pgjdbc's hook for Unix sockets: junixsocket's factory taking the socket file as its argument. */
    static final String SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    /** libpq parameters and the pgjdbc property each one becomes. */
    private static final Map<String, String> LIBPQ_PARAMETERS = Map.of(
            "user", "user",
            "password", "password",
            "sslmode", "sslmode",
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "options", "options",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "sslrootcert", "sslrootcert",
            "target_session_attrs", "targetServerType");

    private static final String FORMS = "jdbc:postgresql://HOST:PORT/DB?user=U&password=P, "
            + "postgresql://U:P@HOST:PORT/DB, or postgresql:///DB?host=/socket/directory&port=PORT for a Unix socket";

    private JdbcUrls() {
    }

    /**
     * The parts of a connection string.
     *
     * @param hostsAndPorts what goes into the JDBC URLs this server hands out (localhost:PORT for a socket)
     * @param database      the database named, {@code postgres} when none
     * @param properties    user, password and every other pgjdbc property (the socket factory for a socket)
     * @param where         a safe description: hosts and ports, or the socket file
     */
    record Parsed(String hostsAndPorts, String database, Properties properties, String where) {
    }

    static Parsed parse(String url) {
        String trimmed = url.trim();
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return libpq(trimmed);
        }
        if (!trimmed.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL connection string: use " + FORMS
                    + " (the string itself is not shown because it may contain a password)");
        }
        Properties parsed = parseJdbc(trimmed);
        String socketDirectory = parsed.getProperty("host", parsed.getProperty("PGHOST"));
        if (socketDirectory != null && socketDirectory.startsWith("/")) {
            parsed.remove("PGHOST");
            // jdbc:postgresql:///db?host=/dir: libpq's way to name a socket directory, given in a JDBC URL.
            parsed.remove("host");
            String port = parsed.getProperty("port", parsed.getProperty("PGPORT", "5432"));
            parsed.remove("port");
            parsed.remove("PGPORT");
            return socket(socketDirectory, port, parsed.getProperty("PGDBNAME", "postgres"), rest(parsed));
        }
        return tcp(parsed);
    }

    private static Properties parseJdbc(String url) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a valid PostgreSQL JDBC URL: use " + FORMS
                    + " (the URL itself is not shown because it may contain a password)");
        }
        return parsed;
    }

    private static Parsed tcp(Properties parsed) {
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                where.append(',');
            }
            where.append(hosts[i]).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        Properties rest = rest(parsed);
        String socketFile = SOCKET_FACTORY.equals(rest.getProperty("socketFactory")) ? rest.getProperty("socketFactoryArg") : null;
        String described = socketFile != null ? "Unix socket " + socketFile : where.toString();
        return new Parsed(where.toString(), parsed.getProperty("PGDBNAME", "postgres"), rest, described);
    }

    private static Properties rest(Properties parsed) {
        Properties rest = new Properties();
        for (String name : parsed.stringPropertyNames()) {
            if (!name.equals("PGHOST") && !name.equals("PGPORT") && !name.equals("PGDBNAME")) {
                rest.setProperty(name, parsed.getProperty(name));
            }
        }
        return rest;
    }

    /** A socket in {@code directory}: pgjdbc still needs a host and port in its URL; the factory ignores them. */
    private static Parsed socket(String directory, String port, String database, Properties properties) {
        int portNumber = port(port);
        String file = directory.replaceAll("/+$", "") + "/.s.PGSQL." + portNumber;
        properties.setProperty("socketFactory", SOCKET_FACTORY);
        properties.setProperty("socketFactoryArg", file);
        // A socket is local: libpq does not use TLS on one, and pgjdbc would try it first.
        properties.putIfAbsent("sslmode", "disable");
        return new Parsed("localhost:" + portNumber, database, properties, "Unix socket " + file);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The connection string's port '" + text + "' is not a port number (1-65535)");
    }

    /** {@code postgresql://[user[:password]@][host][:port][,host[:port]…][/dbname][?param=value&…]}. */
    private static Parsed libpq(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        int query = rest.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("The connection string's parameter '" + decode(pair)
                            + "' has no value: write name=value");
                }
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 && slash + 1 < rest.length() ? decode(rest.substring(slash + 1)) : null;
        Properties properties = new Properties();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            properties.setProperty("user", decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo));
            if (colon >= 0) {
                properties.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = params.remove("host");
        String port = params.remove("port");
        String dbname = params.remove("dbname");
        if (dbname != null) {
            database = dbname;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            String property = LIBPQ_PARAMETERS.get(p.getKey());
            if (property == null) {
                throw new IllegalArgumentException("The connection string's parameter '" + p.getKey() + "' is not "
                        + "supported here: use " + String.join(", ", LIBPQ_PARAMETERS.keySet().stream().sorted().toList())
                        + ", host, port or dbname");
            }
            properties.setProperty(property, p.getValue());
        }
        if (database == null || database.isEmpty()) {
            database = properties.getProperty("user", "postgres");
        }
        String hostPart = decode(authority);
        if (host == null && hostPart.startsWith("/")) {
            // postgresql://%2Fvar%2Frun%2Fpostgresql:5433/db: the port follows the encoded directory
            java.util.Optional<String> encodedPort = authority.contains("%") ? portOf(authority) : java.util.Optional.empty();
            host = decode(encodedPort.isPresent() ? authority.substring(0, authority.lastIndexOf(':')) : authority);
            hostPart = encodedPort.map(pt -> ":" + pt).orElse("");
        }
        if (host != null && host.startsWith("/")) {
            String socketPort = port != null ? port : portOf(hostPart).orElse("5432");
            return socket(host, socketPort, database, properties);
        }
        if (host != null) {
            hostPart = host + (port != null ? ":" + port : "");
        } else if (port != null && !hostPart.contains(":")) {
            hostPart = hostPart + ":" + port;
        }
        if (hostPart.isEmpty() || hostPart.startsWith(":")) {
            hostPart = "localhost" + hostPart;
        }
        Properties jdbc = parseJdbc("jdbc:postgresql://" + hostPart + "/" + encodePathSegment(database));
        properties.forEach((k, v) -> jdbc.setProperty((String) k, (String) v));
        return tcp(jdbc);
    }

    private static java.util.Optional<String> portOf(String hostPart) {
        int colon = hostPart.lastIndexOf(':');
        return colon >= 0 && !hostPart.endsWith("]") ? java.util.Optional.of(hostPart.substring(colon + 1))
                : java.util.Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String encodePathSegment(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The forms accepted, for error messages and help. */
    static List<String> forms() {
        return List.of(FORMS);
    }
}
