package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.checker.cli.ReplicaOptions;
import dev.tviews.database.Replicas;
import dev.tviews.database.PostgresProvider;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Keeps an embedded server running for psql or an IDE until the process is interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start the embedded PostgreSQL (or, with --provider local, an installed one) and keep it "
                + "running until Ctrl-C or SIGTERM, which stop it cleanly. Prints the JDBC URL (user postgres, no password); "
                + "with --replicas N, also N streaming standbys and their URLs.")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReplicaOptions replicaOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        replicaOptions.validate();
        PostgresServer server = PostgresServers.open(database.toOptions());
        Replicas replicas;
        try {
            replicas = replicaOptions.open(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            replicas.close();
            server.close();
            stopped.countDown();
        }, "tviews-server-stop"));
        out.printf("%s: %s%n", server.describe(), server.serverVersion());
        out.printf("JDBC URL: %s%s%n", server.jdbcUrl(server.maintenanceDatabase()),
                server.provider() == PostgresProvider.EMBEDDED || server.provider() == PostgresProvider.LOCAL
                        ? " (user postgres, no password)" : "");
        server.unixSocketDirectory().ifPresent(dir -> out.printf("Unix socket: postgresql:///%s?host=%s&port=%s&user=postgres%n",
                server.maintenanceDatabase(), dir.toAbsolutePath(),
                server.jdbcUrl("x").replaceAll(".*:(\\d+)/.*", "$1")));
        for (PostgresServer replica : replicas.servers()) {
            out.printf("replica: %s, JDBC URL: %s (read-only, streaming from the server above)%n", replica.describe(),
                    replica.jdbcUrl(replica.maintenanceDatabase()));
        }
        out.println(replicas.isEmpty() ? "running; Ctrl-C or SIGTERM stops it" : "running; Ctrl-C or SIGTERM stops it and its replicas");
        out.flush();
        stopped.await();
        return 0;
    }
}
