package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewsException;
import dev.tviews.engine.definitions.DefinitionsFile;
import dev.tviews.engine.export.SqlExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code compile}: the complete SQL for a set of TVIEWs as one migration (docs/operations.md,
 * "SQL export"). The TVIEWs are compiled for real on a scratch database holding the schema, in a
 * transaction that is rolled back.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Write the complete SQL that creates a set of TVIEWs (runtime, tables, functions, triggers, "
                + "initial population) as a standalone migration.",
                "The definitions are compiled on a scratch database: the embedded PostgreSQL loaded with --schema, or "
                        + "the --jdbc-url database (which must hold the schema and no TVIEWs; it is left unchanged)."})
final class CompileCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "SQL that creates the source tables (run first, inside the rolled-back transaction).")
    Path schema;

    @Option(names = "--definitions", required = true, paramLabel = "FILE",
            description = "The TVIEWs, in dependency order: 'CREATE TABLE tv_x AS SELECT …;' statements, or blocks "
                    + "headed '-- name: tv_x' (optionally followed by '-- key: column', '-- unique_id: true', "
                    + "'-- extra_sources: tb_a, tb_b'), then one SELECT.")
    Path definitions;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the migration (default: standard output).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<TviewDefinition> tviews = DefinitionsFile.definitions(Files.readString(definitions, StandardCharsets.UTF_8),
                definitions.toString());
        if (tviews.isEmpty()) {
            throw new IllegalArgumentException(definitions + " defines no TVIEW: write 'CREATE TABLE tv_x AS SELECT …;' "
                    + "or head each SELECT with '-- name: tv_x'");
        }
        String sql;
        try (PostgresServer server = PostgresServers.open(database.toOptions());
             Connection c = server.connect()) {
            c.setAutoCommit(false);
            try {
                if (schema != null) {
                    try (Statement st = c.createStatement()) {
                        st.execute(Files.readString(schema, StandardCharsets.UTF_8));
                    }
                }
                sql = SqlExport.export(c, tviews);
            } finally {
                c.rollback();
            }
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sql);
            out.flush();
        } else {
            Files.writeString(output, sql, StandardCharsets.UTF_8);
            spec.commandLine().getErr().printf("wrote %d TVIEW(s) to %s%n", tviews.size(), output);
        }
        return 0;
    }

    /**
     * The definitions file: pg_tviews DDL ({@code CREATE TABLE tv_x AS SELECT …;}) or blocks headed
     * {@code -- name: tv_x}, with optional {@code -- key:}, {@code -- unique_id:} and
     * {@code -- extra_sources:} lines (docs/engine.md, "Definitions files"); anything else is refused with its line.
     */
    static List<TviewDefinition> parse(String text) throws TviewsException {
        return DefinitionsFile.definitions(text, "the definitions file");
    }
}
