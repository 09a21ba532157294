package dev.tviews.benchmarks.cli;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code java -jar benchmarks.jar}: the tviews command line. */
@Command(name = "benchmarks.jar",
        mixinStandardHelpOptions = true,
        version = "tviews 0.1.0-SNAPSHOT",
        description = "tviews benchmark and verification harness. Without a command: start PostgreSQL "
                + "(embedded unless --jdbc-url is given), print its version and stop it.",
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class TviewsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (PostgresServer server = PostgresServers.open(database.toOptions())) {
            out.printf("%s: %s%n", server.describe(), server.serverVersion());
            server.startupTime().ifPresent(t -> out.printf("started in %d ms%n", t.toMillis()));
        }
        out.println("stopped");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TviewsCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cl;
    }
}
