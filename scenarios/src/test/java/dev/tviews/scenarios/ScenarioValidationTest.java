package dev.tviews.scenarios;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.yaml.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-made bad files, one per kind of mistake: each is refused with the file, line and column of
 * the mistake and what to change, and leaves the database empty.
 */
@ExtendWith(PostgresExtension.class)
class ScenarioValidationTest {

    @TempDir
    Path dir;

    @Test
    void unknownTableUnderTables(FreshDatabase db) throws Exception {
        String text = good().replace("  - table: tb_tag\n", "  - table: tb_tags\n");
        refused(db, text, at(text, "- table: tb_tags", 2), "table 'tb_tags' is not in the schema", "did you mean 'tb_tag'?");
    }

    @Test
    void unknownColumn(FreshDatabase db) throws Exception {
        String text = good().replace("      name: { text: words, min: 1, max: 3 }", "      nmae: { text: words, min: 1, max: 3 }");
        refused(db, text, at(text, "nmae:", 0), "column 'nmae' does not exist in tb_item", "did you mean 'name'?");
    }

    @Test
    void weightThatIsNotPositive(FreshDatabase db) throws Exception {
        String text = good().replace("    weight: 2\n", "    weight: 0\n");
        refused(db, text, at(text, "weight: 0", "weight: ".length()), "the weight of an operation 'tag' is 0, but weights must be positive",
                "use a whole number of 1 or more");
    }

    @Test
    void parameterThatIsNeverBound(FreshDatabase db) throws Exception {
        String text = good().replace("SET price = :price WHERE", "SET price = :prize WHERE");
        refused(db, text, at(text, ":prize", 0), "a statement of operation 'reprice' uses :prize, which is never bound",
                "declare 'prize:' under params of operation 'reprice'");
    }

    @Test
    void parameterThatIsNeverUsed(FreshDatabase db) throws Exception {
        String text = good().replace("      label: { choice: [red, green] }\n", "      label: { choice: [red, green] }\n      colour: { choice: [red] }\n");
        refused(db, text, at(text, "colour:", 0), "parameter 'colour' of an operation 'tag' is declared but no statement uses :colour",
                "use :colour in the sql or remove the parameter");
    }

    @Test
    void statementThatPostgresRejectsAtPrepare(FreshDatabase db) throws Exception {
        String text = good().replace("UPDATE tb_item SET price = :price", "UPDATE tb_item SET prize = :price");
        refused(db, text, at(text, "prize = :price", 0), "PostgreSQL rejects a statement of operation 'reprice': column \"prize\" of relation \"tb_item\" does not exist",
                "[SQLSTATE 42703]");
    }

    @Test
    void maintainStatementWithAWrongType(FreshDatabase db) throws Exception {
        // :label is text; tv_item.pk_item is an integer: PostgreSQL refuses the comparison at PREPARE.
        String text = good().replace("DELETE FROM tv_item WHERE pk_item = :item", "DELETE FROM tv_item WHERE pk_item = :item AND id = 42");
        refused(db, text, at(text, "= 42", 0), "PostgreSQL rejects a maintain statement of operation 'remove_item': operator does not exist: uuid = integer",
                "[SQLSTATE 42883]");
    }

    @Test
    void tviewThatReadsALaterTview(FreshDatabase db) throws Exception {
        String text = good().replace("tviews:\n", """
                tviews:
                  - name: tv_summary
                    key: n
                    select: SELECT count(*) AS n FROM tv_item
                """);
        refused(db, text, at(text, "name: tv_summary", 0), "tview 'tv_summary' reads tv_item, which is defined after it",
                "move tv_item above tv_summary");
    }

    @Test
    void tviewSelectWithAnError(FreshDatabase db) throws Exception {
        String text = good().replace("'price', i.price,", "'price', i.prize,");
        refused(db, text, at(text, "i.prize", 0), "PostgreSQL rejects the select of tview 'tv_item': column i.prize does not exist", "");
    }

    @Test
    void generatorThatCannotFillItsColumn(FreshDatabase db) throws Exception {
        String text = good().replace("      price: { random: decimal, min: 1, max: 99, scale: 2 }\n  - table: tb_tag",
                "      price: { text: words }\n  - table: tb_tag");
        refused(db, text, at(text, "price: { text: words }", 0), "tb_item.price has type numeric(8,2) and cannot take values like",
                "choose a generator that produces numeric(8,2) values");
    }

    @Test
    void requiredColumnWithoutGenerator(FreshDatabase db) throws Exception {
        String text = good().replace("      label: { choice: [red, green, blue] }\n", "");
        refused(db, text, at(text, "- table: tb_tag", 2), "tb_tag.label is NOT NULL, has no default and no generator",
                "add a generator for it under columns of tb_tag");
    }

    @Test
    void schemaThatPostgresRejects(FreshDatabase db) throws Exception {
        String text = good().replace("label   text NOT NULL", "label   txet NOT NULL");
        refused(db, text, at(text, "txet", 0), "PostgreSQL rejects a schema statement: type \"txet\" does not exist", "");
    }

    @Test
    void unknownFieldWithASuggestion(FreshDatabase db) throws Exception {
        String text = good().replace("    weight: 3\n", "    wieght: 3\n");
        refused(db, text, at(text, "wieght", 0), "unknown field 'wieght' in an operation", "did you mean 'weight'?");
    }

    @Test
    void malformedYaml(FreshDatabase db) throws Exception {
        String text = good().replace("  - name: tag\n    weight: 2", "  - name: tag\n   weight: 2");
        Path file = write(text);
        assertThatThrownBy(() -> ScenarioReader.read(file)).isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining(file + ":").hasMessageContaining("this is not valid YAML");
        assertEmpty(db);
    }

    @Test
    void unknownScale(FreshDatabase db) throws Exception {
        Scenario scenario = ScenarioReader.read(write(good()));
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> DataLoader.load(c, scenario, "huge", LoadOptions.quiet()))
                    .isInstanceOf(InvalidScenarioException.class)
                    .hasMessageContaining("the scenario has no scale 'huge'").hasMessageContaining("use one of: small, large");
        }
        assertEmpty(db);
    }

    @Test
    void everyProblemIsReportedAtOnce(FreshDatabase db) throws Exception {
        String text = good().replace("    weight: 3\n", "    weight: -1\n").replace("    weight: 2\n", "    weight: 0\n");
        Path file = write(text);
        assertThatThrownBy(() -> ScenarioReader.read(file)).isInstanceOf(InvalidScenarioException.class)
                .satisfies(e -> assertThat(((InvalidScenarioException) e).problems()).hasSize(2))
                .hasMessageContaining("The scenario has 2 problems");
        assertEmpty(db);
    }

    // ---- helpers ----

    private void refused(FreshDatabase db, String text, String location, String what, String fix) throws Exception {
        Path file = write(text);
        assertThatThrownBy(() -> {
            Scenario scenario = ScenarioReader.read(file);
            try (Connection c = db.connect()) {
                DataLoader.load(c, scenario, "small", LoadOptions.quiet());
            }
        }).isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining(file + ":" + location + ": " + what)
                .hasMessageContaining(fix);
        assertEmpty(db);
    }

    /** {@code line:column} of {@code marker} in {@code text}, plus {@code shift} columns. */
    static String at(String text, String marker, int shift) {
        int offset = text.indexOf(marker);
        assertThat(offset).as("marker " + marker).isNotNegative();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1 + shift);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static String good() throws IOException {
        try (InputStream in = ScenarioValidationTest.class.getResourceAsStream("/user-scenario/shop.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Nothing was written: no table, view or sequence in the database. */
    static void assertEmpty(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")) {
            rs.next();
            assertThat(rs.getLong(1)).as("relations left in the database").isZero();
        }
    }
}
