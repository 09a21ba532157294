package dev.tviews.reports.load;

import dev.tviews.reports.model.LatencyHistogram;
import dev.tviews.reports.model.PeersLayout;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.reports.model.RunResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The peers comparison of a results folder ({@link PeersLayout}): one group per scale and client count, each
 * compared against pg_ivm.
 *
 * @param groups in scale order (as the folders sort: by row count is not known here, so by name with "tiny"
 *               before "small" before "medium"), then by clients
 */
public record PeersResults(List<Group> groups) {
    public static final String REFERENCE = "pg-ivm";
    private static final Pattern GROUP = Pattern.compile("(.+)-c(\\d+)");
    private static final List<String> SCALE_ORDER = List.of("tiny", "small", "medium", "large");

    /**
     * @param scale      the peers scenario's scale
     * @param clients    concurrent clients
     * @param comparison the strategies, tviews-statement against pg-ivm (or hand-written without it)
     * @param latencies  per strategy and operation, over the group's runs
     */
    public record Group(String scale, int clients, LoadComparison comparison, List<LatencyHistogram> latencies) {

        /** Median latency of {@code operation} under {@code strategy}, in milliseconds; empty when not recorded. */
        public java.util.OptionalDouble medianMillis(String strategy, String operation) {
            return latencies.stream().filter(l -> l.strategy().equals(strategy) && l.operation().equals(operation))
                    .mapToDouble(l -> l.histogram().getValueAtPercentile(50) / 1_000_000.0).findFirst();
        }
    }

    /** Empty groups when the folder has no {@code peers/}. */
    public static PeersResults read(Path folder) {
        Path dir = folder.resolve(PeersLayout.DIR);
        List<Group> groups = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new PeersResults(groups);
        }
        List<Path> subdirs;
        try (Stream<Path> entries = Files.list(dir)) {
            subdirs = entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return new PeersResults(groups);
        }
        for (Path sub : subdirs) {
            Matcher m = GROUP.matcher(sub.getFileName().toString());
            if (!m.matches() || !Files.isDirectory(sub.resolve(ResultsFolder.LOAD_DIR))) {
                continue;
            }
            RunResults r = ResultsFolder.read(sub);
            groups.add(new Group(m.group(1), Integer.parseInt(m.group(2)),
                    LoadComparison.of(r.loadRuns(), r.latencies(), REFERENCE), r.latencies()));
        }
        groups.sort(Comparator.comparingInt((Group g) -> SCALE_ORDER.contains(g.scale()) ? SCALE_ORDER.indexOf(g.scale())
                : SCALE_ORDER.size()).thenComparing(Group::scale).thenComparingInt(Group::clients));
        return new PeersResults(List.copyOf(groups));
    }

    public boolean measured() {
        return !groups.isEmpty();
    }
}
