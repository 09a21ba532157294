package dev.tviews.reports.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of a results folder, and reading and writing it. The benchmarks write with the
 * {@code write*} methods and {@link #histogramLog}, the report reads with {@link #read}; see docs/reports.md.
 * <pre>
 * results/
 *   summary.json                               {@link Summary}
 *   jmh.json                                   JMH -rf json output ({@link JmhResult})
 *   load/&lt;strategy&gt;.json                        {@link LoadRun} (load/&lt;strategy&gt;.r&lt;k&gt;.json when repeated)
 *   histograms/&lt;strategy&gt;/&lt;operation&gt;.hlog     HdrHistogram interval log, nanoseconds
 *   checker/summary.json                       {@link CheckerSummary}
 *   checker/reproducers/*.sql                  referenced from checker/summary.json
 * </pre>
 */
public final class ResultsFolder {
    public static final String SUMMARY = "summary.json";
    public static final String JMH = "jmh.json";
    public static final String LOAD_DIR = "load";
    public static final String REPLICATION_DIR = "replication";
    /** The name the replicas' lag goes by in charts. */
    public static final String REPLICA_LAG = "replica-visibility-lag";
    public static final String HISTOGRAMS_DIR = "histograms";
    public static final String CHECKER_SUMMARY = "checker/summary.json";
    public static final String HISTOGRAM_SUFFIX = ".hlog";

    /** Strategy and operation names become file names, so they are kept to a portable alphabet. */
    private static final Pattern FILE_NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Lenient on purpose: a results folder written by a newer tviews still renders with this one.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ResultsFolder() {
    }

    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    // ---- writing (used by the benchmarks) ----

    public static Path writeSummary(Path folder, Summary summary) throws IOException {
        return writeJson(folder.resolve(SUMMARY), summary);
    }

    public static Path writeLoadRun(Path folder, LoadRun run) throws IOException {
        return writeJson(loadRunFile(folder, run.fileKey()), run);
    }

    /** {@code replication/<strategy>.json}, and the lag samples (ns) as {@code replication/<strategy>.hlog}. */
    public static Path writeReplication(Path folder, ReplicationRun run, Histogram lagNanos) throws IOException {
        Path dir = folder.resolve(REPLICATION_DIR);
        Path json = writeJson(dir.resolve(fileNamePart("strategy", run.strategy()) + ".json"), run);
        try (java.io.PrintStream out = new java.io.PrintStream(dir.resolve(run.strategy() + HISTOGRAM_SUFFIX).toFile(),
                java.nio.charset.StandardCharsets.UTF_8)) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            writer.outputComment("tviews load run " + run.strategy() + ": commit-to-visible lag on the replicas, nanoseconds");
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(lagNanos);
        }
        return json;
    }

    public static Path writeChecker(Path folder, CheckerSummary checker) throws IOException {
        return writeJson(folder.resolve(CHECKER_SUMMARY), checker);
    }

    public static Path loadRunFile(Path folder, String strategy) {
        return folder.resolve(LOAD_DIR).resolve(fileNamePart("strategy", strategy) + ".json");
    }

    /** Where the load runner writes the latency log of one operation under one strategy (parents created). */
    public static Path histogramLog(Path folder, String strategy, String operation) throws IOException {
        Path dir = folder.resolve(HISTOGRAMS_DIR).resolve(fileNamePart("strategy", strategy));
        Files.createDirectories(dir);
        return dir.resolve(fileNamePart("operation", operation) + HISTOGRAM_SUFFIX);
    }

    private static String fileNamePart(String what, String name) {
        if (name == null || !FILE_NAME_PART.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' cannot be a file name in a "
                    + "results folder: use letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }
        return name;
    }

    private static Path writeJson(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), value);
        return file;
    }

    // ---- reading (used by the report) ----

    public static RunResults read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ResultsFormatException("The results folder " + folder.toAbsolutePath()
                    + " does not exist or is not a folder. Pass the folder the benchmarks wrote their results to.");
        }
        List<String> notes = new ArrayList<>();
        boolean anyInput = Stream.of(SUMMARY, JMH, LOAD_DIR, HISTOGRAMS_DIR, CHECKER_SUMMARY)
                .anyMatch(name -> Files.exists(folder.resolve(name)));
        if (!anyInput) {
            throw new ResultsFormatException("The folder " + folder.toAbsolutePath() + " holds none of " + SUMMARY
                    + ", " + JMH + ", " + LOAD_DIR + "/, " + HISTOGRAMS_DIR + "/ or " + CHECKER_SUMMARY
                    + ": it is not a results folder. Pass the folder the benchmarks wrote their results to.");
        }
        Optional<Summary> summary = readOptional(folder.resolve(SUMMARY), new TypeReference<Summary>() { });
        List<JmhResult> jmh = readOptional(folder.resolve(JMH), new TypeReference<List<JmhResult>>() { })
                .map(list -> validJmh(folder.resolve(JMH), list)).orElse(List.of());
        List<LoadRun> loadRuns = readLoadRuns(folder.resolve(LOAD_DIR), notes);
        List<LatencyHistogram> latencies = readHistograms(folder.resolve(HISTOGRAMS_DIR), notes);
        Optional<CheckerSummary> checker = readOptional(folder.resolve(CHECKER_SUMMARY),
                new TypeReference<CheckerSummary>() { });
        return new RunResults(folder, summary, jmh, loadRuns, latencies, checker, readReplication(folder),
                readReplicationLag(folder), notes);
    }

    private static <T> Optional<T> readOptional(Path file, TypeReference<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.ofNullable(MAPPER.readValue(in, type));
        } catch (JsonProcessingException e) {
            JsonParseException syntax = syntaxError(e);
            if (syntax != null) {
                throw new ResultsFormatException("Cannot read " + file + ": it is not valid JSON ("
                        + syntax.getOriginalMessage() + lineColumn(syntax) + "). " + howToFix(file), e);
            }
            String path = e instanceof JsonMappingException m ? " at JSON path " + jsonPath(m) : "";
            throw new ResultsFormatException("Cannot read " + file + ": " + e.getOriginalMessage() + path
                    + lineColumn(e) + ". " + howToFix(file), e);
        } catch (IOException e) {
            throw new ResultsFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Jackson reports broken syntax wrapped in a mapping error when it happens inside a value. */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static String howToFix(Path file) {
        return "Its format is described in docs/reports.md; regenerate it with the benchmarks or correct it.";
    }

    /** "$[3].primaryMetric.score", the way a person finds the value in the file. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lineColumn(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static List<JmhResult> validJmh(Path file, List<JmhResult> results) {
        for (int i = 0; i < results.size(); i++) {
            JmhResult r = results.get(i);
            if (r.benchmark() == null || r.benchmark().isBlank()) {
                throw new ResultsFormatException("Cannot read " + file + ": missing \"benchmark\" at JSON path $[" + i
                        + "]. " + howToFix(file));
            }
            if (r.primaryMetric() == null || r.primaryMetric().scoreUnit() == null) {
                throw new ResultsFormatException("Cannot read " + file + ": missing \"primaryMetric\" or its "
                        + "\"scoreUnit\" at JSON path $[" + i + "] (" + r.benchmark() + "). " + howToFix(file));
            }
        }
        return results;
    }

    /** replication/*.json, by strategy; empty when no load run had replicas. */
    static List<ReplicationRun> readReplication(Path folder) {
        List<ReplicationRun> runs = new ArrayList<>();
        for (Path file : list(folder.resolve(REPLICATION_DIR), p -> p.getFileName().toString().endsWith(".json"))) {
            readOptional(file, new TypeReference<ReplicationRun>() { }).filter(r -> r.strategy() != null).ifPresent(runs::add);
        }
        runs.sort(Comparator.comparing(ReplicationRun::strategy));
        return runs;
    }

    /** replication/*.hlog as histograms of one "operation", the replicas' commit-to-visible lag. */
    static List<LatencyHistogram> readReplicationLag(Path folder) {
        List<LatencyHistogram> lags = new ArrayList<>();
        for (Path log : list(folder.resolve(REPLICATION_DIR), p -> p.getFileName().toString().endsWith(HISTOGRAM_SUFFIX))) {
            String strategy = log.getFileName().toString().replaceFirst("\\.hlog$", "");
            Histogram lag = readHistogramLog(log);
            if (lag.getTotalCount() > 0) {
                lags.add(new LatencyHistogram(strategy, REPLICA_LAG, lag));
            }
        }
        return lags;
    }

    private static List<LoadRun> readLoadRuns(Path dir, List<String> notes) {
        List<LoadRun> runs = new ArrayList<>();
        for (Path file : list(dir, p -> p.getFileName().toString().endsWith(".json"))) {
            String fromName = file.getFileName().toString().replaceFirst("\\.json$", "");
            readOptional(file, new TypeReference<LoadRun>() { }).ifPresent(run -> {
                if (run.strategy() == null || run.strategy().isBlank()) {
                    run = new LoadRun(fromName, run.scenario(), run.clients(), run.durationSeconds(), run.throughput(),
                            run.totalOperations(), run.errors(), run.writeOperations(), run.walBytes(),
                            run.staleRowsAtEnd(), run.operations(), run.worstSecond(), run.contention(),
                            run.repetition());
                    notes.add(dir.getFileName() + "/" + file.getFileName() + " names no strategy; used the file name.");
                }
                runs.add(run);
            });
        }
        runs.sort(Comparator.comparing(LoadRun::strategy).thenComparing(r -> r.repetition() == null ? 0 : r.repetition()));
        return runs;
    }

    /** One histogram per strategy and operation; the repetitions of a repeated strategy are added together. */
    private static List<LatencyHistogram> readHistograms(Path dir, List<String> notes) {
        java.util.Map<List<String>, Histogram> merged = new java.util.LinkedHashMap<>();
        for (Path strategyDir : list(dir, Files::isDirectory)) {
            String strategy = REPETITION_DIR.matcher(strategyDir.getFileName().toString()).replaceFirst("");
            for (Path log : list(strategyDir, p -> p.getFileName().toString().endsWith(HISTOGRAM_SUFFIX))) {
                String operation = log.getFileName().toString();
                operation = operation.substring(0, operation.length() - HISTOGRAM_SUFFIX.length());
                Histogram histogram = readHistogramLog(log);
                if (histogram.getTotalCount() == 0) {
                    notes.add(HISTOGRAMS_DIR + "/" + strategyDir.getFileName() + "/" + log.getFileName()
                            + " holds no recorded values; it is left out of the latency charts.");
                    continue;
                }
                merged.merge(List.of(strategy, operation), histogram, (a, b) -> {
                    a.add(b);
                    return a;
                });
            }
        }
        List<LatencyHistogram> result = new ArrayList<>();
        merged.forEach((key, histogram) -> result.add(new LatencyHistogram(key.get(0), key.get(1), histogram)));
        return result;
    }

    /** The {@code .r<k>} of a repeated run's histogram folder. */
    private static final Pattern REPETITION_DIR = Pattern.compile(Pattern.quote(LoadRun.REPETITION_MARK) + "[0-9]+$");

    /** Adds up every interval of a HistogramLogWriter log: the percentiles of the whole run. */
    static Histogram readHistogramLog(Path log) {
        Histogram total = new Histogram(3);
        int interval = 0;
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                interval++;
                if (next instanceof DoubleHistogram) {
                    throw new ResultsFormatException("Cannot read " + log + ": interval " + interval + " is a "
                            + "DoubleHistogram; the report expects integer nanoseconds (org.HdrHistogram.Histogram "
                            + "or Recorder). Record latencies as long nanoseconds.");
                }
                total.add((Histogram) next);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ResultsFormatException rfe) {
                throw rfe;
            }
            throw new ResultsFormatException("Cannot read " + log + " after " + interval + " interval(s): "
                    + e + ". It must be written by org.HdrHistogram.HistogramLogWriter; regenerate it with the "
                    + "load runner.", e);
        }
        return total;
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new ResultsFormatException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
