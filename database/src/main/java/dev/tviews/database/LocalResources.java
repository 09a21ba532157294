package dev.tviews.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the throwaway servers of this module (and tests that start their own) take from the machine: ports and directories. */
public final class LocalResources {

    private LocalResources() {
    }

    /** A TCP port on localhost that is free now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Deletes {@code dir} and everything in it, as far as it can: a temporary directory that must not stay behind. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: what is left is under the temporary directory
        }
    }
}
