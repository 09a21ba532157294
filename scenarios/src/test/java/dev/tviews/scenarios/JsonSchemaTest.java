package dev.tviews.scenarios;

import dev.tviews.scenarios.validation.ScenarioProblem;
import dev.tviews.scenarios.yaml.ScenarioSchema;
import dev.tviews.scenarios.yaml.YamlReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped JSON Schema, as the reader runs it, accepts the bundled and the documented scenarios and rejects
 * broken ones at the line and column of the mistake.
 */
class JsonSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"/dev/tviews/scenarios/bundled/ecommerce/scenario.yaml",
            "/dev/tviews/scenarios/bundled/social/scenario.yaml", "/user-scenario/shop.yaml"})
    void scenariosValidate(String resource) throws IOException {
        assertThat(errors(read(resource))).isEmpty();
    }

    @Test
    void aMisspelledFieldAndANonPositiveWeightAreRejected() throws IOException {
        String text = read("/user-scenario/shop.yaml").replace("    weight: 3\n", "    wieght: 3\n").replace("    weight: 2\n", "    weight: 0\n");
        assertThat(errors(text)).extracting(ScenarioProblem::toString)
                .anySatisfy(e -> assertThat(e).matches("shop.yaml:\\d+:5: unknown field 'wieght' in an operation 'reprice'.*did you mean 'weight'\\?.*"))
                .anySatisfy(e -> assertThat(e).matches("shop.yaml:\\d+:13: the weight of an operation 'tag' is 0, but weights must be positive.*"));
    }

    @Test
    void anUnknownDistributionIsRejected() throws IOException {
        String text = read("/user-scenario/shop.yaml").replace("distribution: zipf, skew: 1.2 }\n      label", "distribution: pareto }\n      label");
        assertThat(errors(text)).extracting(ScenarioProblem::toString)
                .anySatisfy(e -> assertThat(e).contains("unknown value 'pareto'").contains("use uniform, zipf, fixed"));
    }

    private static List<ScenarioProblem> errors(String yaml) {
        return ScenarioSchema.check(YamlReader.read("shop.yaml", yaml));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
