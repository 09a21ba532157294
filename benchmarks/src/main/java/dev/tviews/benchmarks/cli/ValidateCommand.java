package dev.tviews.benchmarks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tviews.checker.cli.DatabaseOptions;
import dev.tviews.database.Identifiers;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code validate FILE…}: each scenario file against the JSON Schema, then read as the tools read it, then its
 * SQL checked against a real catalog (schema created, every statement prepared, in a scratch database that is
 * dropped). Exit code 0 when every file is valid, 1 when one is not.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files: the JSON Schema (scenario.schema.json), then the scenario's own rules, "
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
        Schema schema = schema();
        List<Scenario> readable = new ArrayList<>();
        int invalid = 0;
        for (Path file : files) {
            List<String> problems = schemaProblems(schema, file);
            if (!problems.isEmpty()) {
                problems.forEach(p -> out.println(file + ": " + p));
                invalid++;
                continue;
            }
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

    private static Schema schema() throws IOException {
        try (InputStream in = ValidateCommand.class.getResourceAsStream("/scenario.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("scenario.schema.json is missing from the jar: rebuild benchmarks.jar");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }

    private static List<String> schemaProblems(Schema schema, Path file) {
        JsonNode node;
        try {
            node = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of("cannot read it as YAML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            problems.add("schema: " + error);
        }
        return problems;
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
