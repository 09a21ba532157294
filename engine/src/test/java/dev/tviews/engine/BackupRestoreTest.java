package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.SocialWrites;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backup and restore (docs/operations.md, "Backup and restore") with pg_dump and pg_restore: a
 * full restore, and a data-only restore into the restored schema with --disable-triggers, both
 * give exact TVIEWs that are maintained afterwards. The embedded binaries ship no pg_dump, so the
 * test needs one on the machine at least as new as the server, and is skipped otherwise.
 */
@Schema("social")
class BackupRestoreTest {

    static final List<String> NAMES = List.of("tv_user", "tv_post", "tv_post_thread", "tv_comment");

    @Test
    void aDumpRestoresToExactTviewsThatAreStillMaintained(TestDb db, @TempDir Path dir) throws Exception {
        int serverMajor = (int) (db.scalarLong("SELECT current_setting('server_version_num')::int") / 10000);
        Optional<Path> bin = clientBinaries(serverMajor);
        assumeTrue(bin.isPresent(), "no pg_dump/pg_restore of major " + serverMajor + " or newer on this machine "
                + "(the embedded PostgreSQL ships none): install postgresql-client-" + serverMajor + " to run this test");

        for (String name : NAMES) {
            db.create(name, SecurityTest.SOCIAL.get(name));
        }
        db.exec("CREATE INDEX tv_post_title ON tv_post ((data ->> 'title'))");
        SocialWrites.writeEverywhere(db, "before dump", NAMES);
        String source = db.scalar("SELECT current_database()");
        String port = db.scalar("SELECT current_setting('port')");
        Path dump = dir.resolve("social.dump");
        run(bin.get(), "pg_dump", "-h", "localhost", "-p", port, "-U", "postgres", "-Fc", "-f", dump.toString(), source);

        List<String> restored = List.of(source + "_full", source + "_data");
        try {
            for (String target : restored) {
                db.exec("CREATE DATABASE " + target);
            }
            // Full restore: tables and their rows first, triggers (engine and guard) after the data.
            run(bin.get(), "pg_restore", "-h", "localhost", "-p", port, "-U", "postgres", "--exit-on-error",
                    "-d", restored.get(0), dump.toString());
            // Schema first, then the data into it: the triggers exist, so they are disabled while it loads.
            run(bin.get(), "pg_restore", "-h", "localhost", "-p", port, "-U", "postgres", "--exit-on-error",
                    "--schema-only", "-d", restored.get(1), dump.toString());
            run(bin.get(), "pg_restore", "-h", "localhost", "-p", port, "-U", "postgres", "--exit-on-error",
                    "--data-only", "--disable-triggers", "-d", restored.get(1), dump.toString());

            for (String target : restored) {
                Properties props = new Properties();
                props.setProperty("user", "postgres");
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + target, props)) {
                    TestDb copy = TestDb.over(c);
                    copy.assertFresh(NAMES.toArray(String[]::new));
                    assertThat(copy.column("SELECT indexname FROM pg_indexes WHERE tablename = 'tv_post'"))
                            .contains("tv_post_title");
                    assertThat(copy.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).as(target)
                            .containsExactly("ok");
                    SocialWrites.writeEverywhere(copy, "after restore", NAMES);
                    copy.tviews().setTriggerMode(TriggerMode.ROW);
                    SocialWrites.writeEverywhere(copy, "row mode", NAMES);
                }
            }
        } finally {
            for (String target : restored) {
                db.exec("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
            }
        }
    }

    /** The folder of a pg_dump and pg_restore whose major is at least {@code major}. */
    private static Optional<Path> clientBinaries(int major) throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).forEach(candidates::add);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(entry));
        }
        for (Path folder : candidates) {
            Path dump = folder.resolve("pg_dump");
            if (Files.isExecutable(dump) && Files.isExecutable(folder.resolve("pg_restore"))) {
                Process p = new ProcessBuilder(dump.toString(), "--version").redirectErrorStream(true).start();
                String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(30, TimeUnit.SECONDS);
                var m = java.util.regex.Pattern.compile("(\\d+)\\.\\d+").matcher(version);
                if (m.find() && Integer.parseInt(m.group(1)) >= major) {
                    return Optional.of(folder);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(Path bin, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(tool + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
