package dev.tviews.benchmarks.cli;

import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.sql.Identifiers;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioValidator;
import dev.tviews.scenarios.yaml.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code validate FILE…}: each scenario file read as every tool reads it (the JSON Schema, then the rules that span
 * fields, all with file:line:column), then its SQL checked against a real catalog (schema created, every
 * statement prepared, in a scratch database that is dropped). Exit code 0 when every file is valid, 1 when one is not.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files as every tool reads them: the JSON Schema (scenario.schema.json) and the scenario's own rules, "
                + "then its SQL on PostgreSQL (embedded unless --jdbc-url is given): the schema is created and every "
                + "operation, maintain and read statement prepared, in a scratch database that is dropped.",
                "Prints each file's problems with file:line:column, or 'valid'; exit code 0 when all are valid, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
    List<Path> files;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenario> readable = new ArrayList<>();
        int invalid = 0;
        for (Path file : files) {
            try {
                readable.add(ScenarioReader.read(file));
            } catch (InvalidScenarioException e) {
                out.println(e.getMessage());
                invalid++;
            }
        }
        if (!readable.isEmpty()) {
            invalid += catalogChecks(readable, out);
        }
        out.flush();
        return invalid == 0 ? 0 : 1;
    }

    /** One server for all files, one scratch database per file. */
    private int catalogChecks(List<Scenario> scenarios, PrintWriter out) throws Exception {
        int invalid = 0;
        try (PostgresServer server = PostgresServers.open(database.toOptions())) {
            for (Scenario scenario : scenarios) {
                String scratch = "tviews_validate_" + ProcessHandle.current().pid();
                try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                    st.execute("CREATE DATABASE " + Identifiers.quote(scratch));
                }
                try (Connection c = server.connect(scratch)) {
                    ScenarioValidator.validate(c, scenario);
                    out.println(scenario.source() + ": valid");
                } catch (InvalidScenarioException e) {
                    out.println(e.getMessage());
                    invalid++;
                } finally {
                    try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(scratch) + " WITH (FORCE)");
                    }
                }
            }
        }
        return invalid;
    }

}
