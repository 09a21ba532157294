package dev.tviews.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped JSON Schema accepts the bundled and the documented scenarios and rejects broken ones. */
class JsonSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/scenario.schema.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/tviews/scenarios/bundled/ecommerce/scenario.yaml",
            "/dev/tviews/scenarios/bundled/social/scenario.yaml", "/user-scenario/shop.yaml"})
    void scenariosValidate(String resource) throws IOException {
        assertThat(errors(read(resource))).isEmpty();
    }

    @Test
    void aMisspelledFieldAndANonPositiveWeightAreRejected() throws IOException {
        String text = read("/user-scenario/shop.yaml").replace("    weight: 3\n", "    wieght: 3\n").replace("    weight: 2\n", "    weight: 0\n");
        List<Error> errors = errors(text);
        assertThat(errors).extracting(Error::toString)
                .anySatisfy(e -> assertThat(e).contains("wieght"))
                .anySatisfy(e -> assertThat(e).contains("weight"));
    }

    @Test
    void anUnknownDistributionIsRejected() throws IOException {
        String text = read("/user-scenario/shop.yaml").replace("distribution: zipf, skew: 1.2 }\n      label", "distribution: pareto }\n      label");
        assertThat(errors(text)).isNotEmpty();
    }

    private static List<Error> errors(String yaml) throws IOException {
        JsonNode node = new YAMLMapper().readTree(yaml);
        return schema.validate(node);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
