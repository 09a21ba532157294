package dev.tviews.scenarios;

import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioProblem;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading without a database: the schema's refusals land on the line and column of the value they are about,
 * said in the file's terms, and the checks that span fields (left to the reader) still run after binding.
 */
class ScenarioReaderTest {

    @Test
    void theDocumentedScenarioIsBoundWithItsGenerators() throws Exception {
        Scenario s = ScenarioReader.read(source(ScenarioValidationTest.good()));
        assertThat(s.name()).isEqualTo("shop");
        assertThat(s.table("tb_tag").orElseThrow().columns()).extracting(c -> c.generator().getClass().getSimpleName())
                .containsExactly("Key", "Choice");
        assertThat(s.operation("reprice").orElseThrow().weight()).isEqualTo(3);
        assertThat(s.scale("large").orElseThrow().rows().get("tb_tag").rows()).isEqualTo(400_000L);
    }

    @Test
    void schemaViolationsPointAtTheirValue() throws Exception {
        String text = ScenarioValidationTest.good()
                .replace("name: { text: words, min: 1, max: 3 }", "name: { text: sentences }")
                .replace("fk_item: { key: tb_item, distribution: zipf, skew: 1.2 }", "fk_item: { key: tb_item, random: int }")
                .replace("label: { choice: [red, green, blue] }", "label: blue")
                .replaceFirst("item: \\{ key: tb_item }", "item: { key: tb_item, distribution: fixed }");
        assertThat(problems(text)).containsExactlyInAnyOrder(
                "shop.yaml:" + ScenarioValidationTest.at(text, "fixed }", 0) + ": parameter 'item' of an operation 'reprice': "
                        + "distribution 'fixed' only applies to loading tables — use uniform or zipf for operation parameters",
                "shop.yaml:" + ScenarioValidationTest.at(text, "sentences", 0) + ": the generator of column 'name' of tb_item, "
                        + "field 'text': unknown value 'sentences' — use words, chars",
                "shop.yaml:" + ScenarioValidationTest.at(text, "{ key: tb_item, random: int }", 0) + ": the generator of column "
                        + "'fk_item' of tb_tag names several kinds [key, random] — give exactly one of: key, random, text, uuid, "
                        + "sequence, choice, value",
                "shop.yaml:" + ScenarioValidationTest.at(text, "random: int }", 0) + ": unknown field 'random' in the generator "
                        + "of column 'fk_item' of tb_tag — the fields of the generator of column 'fk_item' of tb_tag are: key, "
                        + "distribution, skew, per_parent, null_probability",
                "shop.yaml:" + ScenarioValidationTest.at(text, "blue\n", 0) + ": the generator of column 'label' of tb_tag must be "
                        + "a mapping (key: value lines), not a string 'blue' — write a generator such as { random: int, min: 1, "
                        + "max: 10 } (see 'Generators' in docs/scenarios.md)");
    }

    @Test
    void checksAcrossFieldsRunOnTheBoundFile() throws Exception {
        String text = ScenarioValidationTest.good()
                .replaceFirst("item: \\{ key: tb_item }", "item: { key: tb_item, skew: 2 }")
                .replace("price: { random: decimal, min: 1, max: 99, scale: 2 }\n    sql", "price: { random: int, min: 99, max: 1 }\n    sql");
        assertThat(problems(text)).containsExactlyInAnyOrder(
                "shop.yaml:" + ScenarioValidationTest.at(text, "skew: 2", 0) + ": parameter 'item' of an operation 'reprice': "
                        + "'skew' does not apply here, it only applies to distribution: zipf — remove it",
                "shop.yaml:" + ScenarioValidationTest.at(text, "min: 99", 0) + ": parameter 'price' of an operation 'reprice': "
                        + "min 99 is greater than max 1 — swap them");
    }

    private static List<String> problems(String text) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ScenarioReader.read(source(text)));
        assertThat(t).isInstanceOf(InvalidScenarioException.class);
        return ((InvalidScenarioException) t).problems().stream().map(ScenarioProblem::toString).toList();
    }

    private static ScenarioSource source(String text) {
        return new ScenarioSource() {
            @Override
            public String name() {
                return "shop.yaml";
            }

            @Override
            public String read() {
                return text;
            }

            @Override
            public ScenarioSource resolve(String relative) {
                throw new AssertionError("the test scenario names no file: " + relative);
            }
        };
    }
}
