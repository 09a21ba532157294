package dev.tviews.reports.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Where a run was made. Every field may be null (absent): the report then says "not recorded".
 * Credentials never belong here; the report drops settings whose name looks like one and
 * masks {@code password=...} and {@code user:secret@} in any value as a second line of defence.
 *
 * @param postgresVersion  {@code SELECT version()}, e.g. "PostgreSQL 18.1 on x86_64-pc-linux-gnu, ..."
 * @param postgresSettings key server settings by name ({@code SHOW name}), e.g. synchronous_commit, fsync,
 *                         shared_buffers, work_mem, max_connections, jit; in the order they should be shown
 * @param databaseProvider how the server was provided: "embedded", "external" or "testcontainers"
 * @param jvm              JVM name and version, e.g. "OpenJDK 64-Bit Server VM 17.0.15+6"
 * @param os               operating system name, version and architecture
 * @param cpuCount         processors available to the JVM
 * @param maxHeapBytes     the JVM's maximum heap
 * @param date             when the run started, ISO-8601 instant, e.g. "2025-11-24T01:32:00Z"
 * @param gitCommit        commit of the tviews sources the run was built from
 * @param profile          the benchmark profile, e.g. "quick" or "full"
 */
public record Environment(
        String postgresVersion,
        Map<String, String> postgresSettings,
        String databaseProvider,
        String jvm,
        String os,
        Integer cpuCount,
        Long maxHeapBytes,
        String date,
        String gitCommit,
        String profile) {

    public Environment {
        postgresSettings = Copies.map(postgresSettings);
    }

    /** Fills the fields this JVM knows (JVM, OS, CPUs, heap, now); the caller supplies the database side. */
    public static Environment ofThisJvm(String postgresVersion, Map<String, String> postgresSettings,
                                        String databaseProvider, String gitCommit, String profile) {
        Runtime runtime = Runtime.getRuntime();
        return new Environment(
                postgresVersion,
                postgresSettings,
                databaseProvider,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                runtime.availableProcessors(),
                runtime.maxMemory(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                gitCommit,
                profile);
    }
}
