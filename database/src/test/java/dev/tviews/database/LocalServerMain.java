package dev.tviews.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Started in a child JVM by {@link LocalLifecycleTest}: starts a local server, reports it, and waits to be signalled. */
public final class LocalServerMain {

    private LocalServerMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalPostgresServer server = (LocalPostgresServer) PostgresServers.open(
                PostgresOptions.local(PostgresOptions.ANY_MAJOR, Optional.of(Path.of(args[0])), Map.of()));
        System.out.println("started " + server.pid() + " " + server.directory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
