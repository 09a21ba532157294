package dev.tviews.benchmarks.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends the results of one JMH run (a JSON array) to the results folder's {@code jmh.json}. */
public final class JmhJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhJson() {
    }

    public static void append(Path resultsFolder, Path runJson) throws IOException {
        if (!Files.exists(runJson) || Files.size(runJson) == 0) {
            return;
        }
        JsonNode run = JSON.readTree(runJson.toFile());
        if (!(run instanceof ArrayNode runResults)) {
            throw new IOException("JMH wrote " + runJson + " without a JSON array at its top; was -rf json used?");
        }
        Path all = resultsFolder.resolve("jmh.json");
        ArrayNode merged = Files.exists(all) && Files.size(all) > 0 && JSON.readTree(all.toFile()) instanceof ArrayNode a
                ? a : JSON.createArrayNode();
        merged.addAll(runResults);
        JSON.writerWithDefaultPrettyPrinter().writeValue(all.toFile(), merged);
    }
}
