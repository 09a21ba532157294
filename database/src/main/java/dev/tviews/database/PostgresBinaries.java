package dev.tviews.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Finds the embedded PostgreSQL archive for a major version. The default major (18) is the
 * zonky binaries jar on the class path; other majors were unpacked at build time under
 * {@code dev/tviews/database/binaries/<major>/} because two binary jars cannot share a class path.
 */
final class PostgresBinaries {

    private static final List<Integer> SUPPORTED = List.of(14, PostgresOptions.DEFAULT_MAJOR);

    private PostgresBinaries() {
    }

    static List<Integer> supportedMajors() {
        return SUPPORTED;
    }

    static PgBinaryResolver resolverFor(int major) {
        if (!SUPPORTED.contains(major)) {
            throw new IllegalArgumentException("Embedded PostgreSQL " + major + " is not bundled: use one of "
                    + SUPPORTED + ", or point --jdbc-url at a server of that version");
        }
        if (major == PostgresOptions.DEFAULT_MAJOR) {
            return DefaultPostgresBinaryResolver.INSTANCE;
        }
        return (system, machineHardware) -> openBundled(major, system, machineHardware);
    }

    private static InputStream openBundled(int major, String system, String machineHardware) throws IOException {
        String arch = switch (machineHardware.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "x86_64";
            default -> machineHardware.toLowerCase(Locale.ROOT);
        };
        String resource = "binaries/" + major + "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        InputStream in = PostgresBinaries.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("No embedded PostgreSQL " + major + " for " + system + "/" + machineHardware
                    + " (looked for " + resource + "): only linux x86_64 is bundled; use --jdbc-url for other platforms");
        }
        return in;
    }
}
