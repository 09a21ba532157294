package dev.tviews.benchmarks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate FILE…} through the jar's entry point: schema, the scenario's rules and its SQL on PostgreSQL. */
class ValidateCommandTest {

    /** The user scenario of docs/scenarios.md, as the scenarios module's tests keep it. */
    private static final Path SHOP = Path.of("../scenarios/src/test/resources/user-scenario/shop.yaml");

    @Test
    void validFilesPassAndEachKindOfMistakeIsReportedWithExitCode1(@TempDir Path dir) throws IOException {
        String shop = Files.readString(SHOP);
        Path valid = Files.writeString(dir.resolve("shop.yaml"), shop);
        Path misspelled = Files.writeString(dir.resolve("misspelled.yaml"), shop.replace("    weight: 3\n", "    wieght: 3\n"));
        Path badSql = Files.writeString(dir.resolve("bad-sql.yaml"),
                shop.replace("UPDATE tb_item SET price = :price WHERE pk_item = :item",
                        "UPDATE tb_item SET prize = :price WHERE pk_item = :item"));

        StringWriter out = new StringWriter();
        int ok = TviewsCommand.commandLine().setOut(new PrintWriter(out)).execute("validate", valid.toString());
        assertThat(ok).as(out.toString()).isZero();
        assertThat(out.toString()).contains("shop.yaml: valid");

        StringWriter bad = new StringWriter();
        int exit = TviewsCommand.commandLine().setOut(new PrintWriter(bad))
                .execute("validate", valid.toString(), misspelled.toString(), badSql.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(bad.toString()).containsPattern("misspelled\\.yaml:\\d+:\\d+: unknown field 'wieght' in an operation 'reprice'")
                .contains("bad-sql.yaml").contains("prize")
                .contains("shop.yaml: valid");
    }
}
