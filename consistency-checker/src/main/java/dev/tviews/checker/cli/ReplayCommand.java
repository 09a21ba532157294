package dev.tviews.checker.cli;

import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptReplayer;
import dev.tviews.sql.Identifiers;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks.jar replay FILE}: runs a reproducer written by the checker on a new, empty
 * database and says whether its failure shows. Exit code 1 when it reproduces (as {@code check}
 * exits 1 on a failure), 0 when the read models stay fresh, 2 when the file or the server is wrong.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a reproducer (.sql) written by the consistency checker on a new empty database: schema, "
                + "data, TVIEWs, the broken variant's breakage if any, then its statements (one or two sessions, in the "
                + "recorded order), with the oracle after each; reports whether the read models go stale.",
                "Exit code 1: the failure reproduces; 0: it does not; 2: the file or the server is unusable."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The reproducer.")
    Path file;

    @CommandLine.Mixin
    DatabaseOptions serverOptions = new DatabaseOptions();

    @Option(names = "--keep", description = "Keep the database afterwards on an external server (its name is printed), to look around.")
    boolean keep;

    @Option(names = "--wait-for-locks", description = "With several sessions: hold each step until it finishes or waits "
            + "for a lock another session holds (pg_blocking_pids), as the interleaving explorer ran it, instead of going "
            + "on after 150 ms; the recorded order then replays the same under any load.")
    boolean waitForLocks;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Script script;
        try {
            if (!Files.isRegularFile(file)) {
                err.println("error: no reproducer at " + file.toAbsolutePath() + ": give the path of a .sql file the checker wrote");
                return 2;
            }
            script = Script.read(file);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        PostgresOptions database = serverOptions.toOptions();
        script.header().forEach(h -> out.println("-- " + h));
        out.printf("%d statements on %d session%s%n", script.steps().size(), script.sessions(), script.sessions() == 1 ? "" : "s");
        out.flush();
        String name = "tviews_replay_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        try (PostgresServer postgres = PostgresServers.open(database)) {
            try (Connection admin = postgres.connect(); Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + Identifiers.quote(name));
            }
            try {
                ScriptReplayer.Outcome outcome = ScriptReplayer.replay(() -> postgres.connect(name), script, waitForLocks);
                out.println(outcome.describe());
                if (keep) {
                    out.println("database kept: " + name + " on " + postgres.describe());
                }
                return outcome.reproduced() ? 1 : 0;
            } finally {
                if (!keep) {
                    try (Connection admin = postgres.connect(); Statement st = admin.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            err.println("error: the reproducer could not run: " + e.getMessage());
            return 2;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCommand()).execute(args));
    }
}
