package dev.tviews.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * A hot standby of an embedded primary, kept current by streaming replication. The zonky
 * binaries have no {@code pg_basebackup}, so the base backup is taken with the low-level API:
 * a physical replication slot reserves the WAL, {@code pg_backup_start}, a copy of the data
 * directory, {@code pg_backup_stop} (whose label file goes into the copy), then
 * {@code standby.signal} and {@code primary_conninfo}. Closing stops the standby, drops its slot
 * on the primary and deletes its directory; the primary's shutdown hook does not cover it, so it
 * has its own.
 */
public final class EmbeddedStandby implements PostgresServer {

    /** Not copied from the primary: its process files, WAL (streamed instead), slots, and runtime state. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "pg_wal",
            "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans",
            "backup_label", "tablespace_map");

    private final EmbeddedPostgresServer primary;
    private final EmbeddedPostgres standby;
    private final File dataDirectory;
    private final String slot;
    private final Thread hook;

    private EmbeddedStandby(EmbeddedPostgresServer primary, EmbeddedPostgres standby, File dataDirectory, String slot) {
        this.primary = primary;
        this.standby = standby;
        this.dataDirectory = dataDirectory;
        this.slot = slot;
        this.hook = new Thread(this::stop, "tviews-standby-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Takes a base backup of {@code server} (an embedded one) and starts a hot standby streaming from it. */
    public static EmbeddedStandby of(PostgresServer server) {
        if (!(server instanceof EmbeddedPostgresServer primary)) {
            throw new IllegalArgumentException("standbys are started for the embedded server only, not for "
                    + server.describe() + ": for a server of your own, set up its replica and give its URL");
        }
        String slot = "tviews_standby_" + UUID.randomUUID().toString().replace("-", "");
        File dir = new File(primary.dataDirectory().getParentFile(), "tviews-standby-" + UUID.randomUUID());
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            int major = c.getMetaData().getDatabaseMajorVersion();
            st.execute(major >= 15 ? "SELECT pg_backup_start('tviews standby', true)"
                    : "SELECT pg_start_backup('tviews standby', true, false)");
            copy(primary.dataDirectory().toPath(), dir.toPath());
            String label;
            try (ResultSet rs = st.executeQuery(major >= 15 ? "SELECT labelfile FROM pg_backup_stop(true)"
                    : "SELECT labelfile FROM pg_stop_backup(false, true)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(dir.toPath().resolve("backup_label"), label, StandardCharsets.UTF_8);
            Files.writeString(dir.toPath().resolve("standby.signal"), "", StandardCharsets.UTF_8);
            Files.writeString(dir.toPath().resolve("postgresql.auto.conf"), String.join("\n",
                    "primary_conninfo = 'host=localhost port=" + primary.port() + " user=" + EmbeddedPostgresServer.SUPERUSER
                            + " application_name=" + slot + "'",
                    "primary_slot_name = '" + slot + "'",
                    "hot_standby = on",
                    // The oracle's long reads on the standby must not be cancelled by replay (40001 conflicts).
                    "hot_standby_feedback = on",
                    "max_standby_streaming_delay = -1",
                    ""), StandardCharsets.UTF_8);
            EmbeddedPostgres pg = EmbeddedPostgresServer.builder(major, dir).setCleanDataDirectory(false)
                    .setPort(LocalResources.freePort()).start();
            EmbeddedStandby standby = new EmbeddedStandby(primary, pg, dir, slot);
            standby.awaitReplay(Duration.ofSeconds(60));
            return standby;
        } catch (SQLException | IOException e) {
            dropSlotQuietly(primary, slot);
            LocalResources.deleteTree(dir.toPath());
            throw new IllegalStateException("Could not start a standby of " + primary.describe() + ": " + e.getMessage()
                    + " (the primary needs wal_level replica or logical and a free replication slot)", e);
        }
    }

    /** Waits until the standby has replayed everything the primary wrote so far (asynchronous commits included: the insert position, not the flushed one). */
    public void awaitReplay(Duration limit) {
        Replicas.awaitReplay(primary, this, limit);
    }

    /** The standby's data directory (deleted on close). */
    File dataDirectory() {
        return dataDirectory;
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + standby.getPort() + "/" + JdbcUrls.encodePathSegment(database);
    }

    @Override
    public Properties connectionProperties() {
        return primary.connectionProperties();
    }

    @Override
    public String describe() {
        return "embedded standby on localhost:" + standby.getPort() + " of " + primary.describe();
    }

    @Override
    public PostgresProvider provider() {
        return PostgresProvider.EMBEDDED;
    }

    private synchronized void stop() {
        try {
            standby.close();
        } catch (IOException e) {
            // the directory goes below, whatever the server said
        }
        dropSlotQuietly(primary, slot);
        LocalResources.deleteTree(dataDirectory.toPath());
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                Files.createDirectories(to.resolve(rel));
                // Skipped directories are created empty (PostgreSQL expects them), their content is not copied.
                if (rel.getNameCount() == 1 && SKIPPED.contains(rel.toString())) {
                    if (rel.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve(rel).resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                String name = file.getFileName().toString();
                if ((rel.getNameCount() == 1 && SKIPPED.contains(name)) || name.startsWith(".s.PGSQL")) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(rel), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A file the primary removed while we copied (a dropped relation): replay recreates what matters.
                return FileVisitResult.CONTINUE;
            }
        });
        to.toFile().setReadable(true, true);
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private static void dropSlotQuietly(EmbeddedPostgresServer primary, String slot) {
        try (Connection c = primary.connect(); Statement st = c.createStatement()) {
            // The slot stays active until the primary's WAL sender notices the standby is gone.
            for (int i = 0; i < 250; i++) {
                try (ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                    if (!rs.next()) {
                        return;
                    }
                    if (!rs.getBoolean(1)) {
                        st.execute("SELECT pg_drop_replication_slot('" + slot + "')");
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            // the primary is gone, and its slots with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
