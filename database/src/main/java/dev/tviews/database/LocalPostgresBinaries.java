package dev.tviews.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL installations on this machine: a {@code bin} directory holding {@code initdb} and
 * {@code postgres}. Found under Debian's and Ubuntu's {@code /usr/lib/postgresql/<major>/bin} and the
 * PGDG RPMs' {@code /usr/pgsql-<major>/bin}, newest major first, or named with {@code --pg-bin}.
 *
 * @param bin   the directory with {@code initdb} and {@code postgres}
 * @param major the server's major version, from {@code postgres --version}
 */
public record LocalPostgresBinaries(Path bin, int major) {

    /** Where packaged PostgreSQL majors live, as {@code <parent>/<prefix><major>/bin}. */
    private static final List<String[]> SEARCHED = List.of(
            new String[] {"/usr/lib/postgresql", ""},
            new String[] {"/usr", "pgsql-"});
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

    /** The installation in {@code bin}; says what is missing when it is not one. */
    public static LocalPostgresBinaries of(Path bin) {
        for (String program : List.of("initdb", "postgres")) {
            if (!Files.isExecutable(bin.resolve(program))) {
                throw new IllegalArgumentException("--pg-bin " + bin + " has no executable " + program
                        + ": give the bin directory of an installed PostgreSQL, e.g. /usr/lib/postgresql/15/bin");
            }
        }
        return new LocalPostgresBinaries(bin.toAbsolutePath(), versionOf(bin));
    }

    /** Every installation found in the usual places, newest major first. */
    public static List<LocalPostgresBinaries> installed() {
        List<LocalPostgresBinaries> found = new ArrayList<>();
        for (String[] place : SEARCHED) {
            Path parent = Path.of(place[0]);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, place[1] + "[0-9]*")) {
                for (Path dir : dirs) {
                    Path bin = dir.resolve("bin");
                    if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))) {
                        found.add(of(bin));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable or broken installation is simply not offered.
            }
        }
        found.sort(Comparator.comparingInt(LocalPostgresBinaries::major).reversed());
        return found;
    }

    /**
     * The newest installation of {@code major} (any when {@link PostgresOptions#ANY_MAJOR}) whose library
     * directory holds every one of {@code libraries} (e.g. {@code pg_ivm} for {@code pg_ivm.so}).
     */
    public static Optional<LocalPostgresBinaries> find(int major, List<String> libraries) {
        return installed().stream()
                .filter(b -> major == PostgresOptions.ANY_MAJOR || b.major() == major)
                .filter(b -> libraries.stream().allMatch(b::hasLibrary))
                .findFirst();
    }

    /** Like {@link #find} but says what was looked for, and what to install, when nothing fits. */
    public static LocalPostgresBinaries require(int major, List<String> libraries) {
        return find(major, libraries).orElseThrow(() -> new IllegalStateException(
                "No installed PostgreSQL" + (major == PostgresOptions.ANY_MAJOR ? "" : " " + major)
                        + (libraries.isEmpty() ? "" : " with " + String.join(", ", libraries) + " in its library directory")
                        + " was found under /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin (found: "
                        + describe(installed()) + "). Install one (Debian: apt-get install postgresql-15"
                        + (libraries.contains("pg_ivm") ? ", then pg_ivm: pg-ivm-install or apt-get install postgresql-15-pg-ivm"
                        : "") + "), or give its bin directory with --pg-bin DIR"));
    }

    private static String describe(List<LocalPostgresBinaries> all) {
        if (all.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (LocalPostgresBinaries b : all) {
            parts.add("PostgreSQL " + b.major() + " at " + b.bin());
        }
        return String.join(", ", parts);
    }

    /** Whether the server can load {@code library} ({@code <pkglibdir>/<library>.so}). */
    public boolean hasLibrary(String library) {
        return Files.isRegularFile(libraryDirectory().resolve(library + ".so"));
    }

    /** {@code pg_config --pkglibdir} where pg_config is installed, else {@code bin/../lib}. */
    public Path libraryDirectory() {
        Path pgConfig = bin.resolve("pg_config");
        if (Files.isExecutable(pgConfig)) {
            String out = run(List.of(pgConfig.toString(), "--pkglibdir"));
            if (!out.isBlank()) {
                return Path.of(out.trim());
            }
        }
        return bin.resolveSibling("lib");
    }

    private static int versionOf(Path bin) {
        String out = run(List.of(bin.resolve("postgres").toString(), "--version"));
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IllegalArgumentException(bin.resolve("postgres") + " --version printed '" + out.trim()
                    + "', not a PostgreSQL version: give the bin directory of an installed PostgreSQL with --pg-bin");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Standard output of a quick program that needs no privileges (postgres --version runs as root). */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
