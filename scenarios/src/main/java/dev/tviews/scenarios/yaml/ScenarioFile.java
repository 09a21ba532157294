package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A scenario file as written, bound by Jackson once {@link ScenarioSchema} accepted its structure. SQL fields stay
 * trees (text, {@code { file: … }} or a list of those) because where their characters are depends on how they
 * were written; {@link ScenarioReader} turns this into the model, with the checks that span several fields.
 */
record ScenarioFile(String name, String description, Long seed, List<JsonNode> schema, List<Tview> tviews,
                    List<Table> tables, LinkedHashMap<String, LinkedHashMap<String, Long>> scales,
                    List<Op> operations, List<Op> reads) {

    record Tview(String name, JsonNode key, JsonNode select, LinkedHashMap<String, String> options) {
    }

    record Table(String table, LinkedHashMap<String, GeneratorSpec> columns) {
    }

    /** An operation (a write) or a read. */
    record Op(String name, long weight, LinkedHashMap<String, GeneratorSpec> params, JsonNode sql, JsonNode maintain) {
    }

    /** Every field any kind of generator may have; the schema allowed only the kind's own. */
    record GeneratorSpec(String key, String distribution, Double skew, @JsonProperty("per_parent") Long perParent,
                         Long count, Boolean delete, @JsonProperty("null_probability") Double nullProbability,
                         String random, JsonNode min, JsonNode max, Long scale, Double probability,
                         String text, Long length, String uuid, String sequence, List<String> choice, JsonNode value) {
    }
}
