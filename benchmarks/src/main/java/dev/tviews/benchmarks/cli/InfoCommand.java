package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.benchmarks.results.EnvironmentProbe;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.reports.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code info}: starts (or connects to) the server, prints its version and the settings the results record, stops. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Start PostgreSQL (embedded unless --jdbc-url is given), print its version and the settings "
                + "that change benchmark numbers, and stop it.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (PostgresServer server = PostgresServers.open(database.toOptions())) {
            out.printf("%s: %s%n", server.describe(), server.serverVersion());
            server.startupTime().ifPresent(t -> out.printf("started in %d ms%n", t.toMillis()));
            Environment env = EnvironmentProbe.probe(server, null);
            env.postgresSettings().forEach((k, v) -> out.printf("  %s = %s%n", k, v));
            out.printf("JVM %s, %d CPUs, commit %s%n", env.jvm(), env.cpuCount(), env.gitCommit());
        }
        out.println("stopped");
        return 0;
    }
}
