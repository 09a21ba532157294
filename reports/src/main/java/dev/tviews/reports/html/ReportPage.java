package dev.tviews.reports.html;

import dev.tviews.reports.charts.CascadeCharts;
import dev.tviews.reports.charts.LatencyCharts;
import dev.tviews.reports.charts.MeanThroughputChart;
import dev.tviews.reports.charts.SpeedupCharts;
import dev.tviews.reports.charts.ThroughputChart;
import dev.tviews.reports.charts.TriggerModeCharts;
import dev.tviews.reports.charts.WalChart;
import dev.tviews.reports.load.LoadComparison;
import dev.tviews.reports.model.Environment;
import dev.tviews.reports.model.RunResults;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole report page of one results folder, from {@code report.html}. */
public final class ReportPage {
    public static final String TITLE = "tviews performance and consistency report";
    public static final String LOAD_TITLE = "tviews load report";

    private ReportPage() {
    }

    /**
     * @param reportFolder the folder the page will be written to, so links to reproducers resolve from it
     */
    public static String render(RunResults results, Path reportFolder) {
        Path linkBase = relativeLinkBase(results.folder(), reportFolder);
        if (results.loadOnly()) {
            return loadPage(results);
        }
        Map<String, Html> values = Map.ofEntries(
                Map.entry("title", Html.text(TITLE)),
                Map.entry("css", Template.stylesheet()),
                Map.entry("meta", Html.text(meta(results.environment()))),
                Map.entry("status", StatusSection.render(results)),
                Map.entry("glance", GlanceSection.render(results)),
                Map.entry("targets", TargetsSection.render(results.summary())),
                Map.entry("speedup", FigureHtml.renderAll(SpeedupCharts.build(results.jmh()))),
                Map.entry("triggers", FigureHtml.renderAll(TriggerModeCharts.build(results.jmh()))),
                Map.entry("cascades", FigureHtml.renderAll(CascadeCharts.build(results.jmh()))),
                Map.entry("strategies", LoadSection.strategiesTable(LoadComparison.of(results))),
                Map.entry("load-table", LoadSection.runsTable(results.loadRuns())),
                Map.entry("throughput", FigureHtml.render(ThroughputChart.build(results.loadRuns()))),
                Map.entry("wal", FigureHtml.render(WalChart.build(LoadComparison.of(results)))),
                Map.entry("latency", FigureHtml.renderAll(LatencyCharts.build(results.latencies()))),
                Map.entry("latency-table", LoadSection.latencyTable(results.latencies())),
                Map.entry("read-scaling", ReadScalingSection.render(results.replication(), results.replicaLag(),
                        results.loadRuns())),
                Map.entry("peers", PeersSection.render(dev.tviews.reports.load.PeersResults.read(results.folder()))),
                Map.entry("consistency", ConsistencySection.render(results.checker(), results.folder(), linkBase)),
                Map.entry("benchmarks", BenchmarksTable.render(results.jmh())),
                Map.entry("environment", EnvironmentSection.render(results.environment())),
                Map.entry("notes", EnvironmentSection.notes(results.notes())),
                Map.entry("footer", Html.text("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + " by tviews reports from the results folder \"" + folderName(results.folder()) + "\".")));
        return Template.load("report.html").render(values).toString();
    }

    /** A {@code load} run's page: what it measured first, none of the sections only the main job fills. */
    private static String loadPage(RunResults results) {
        LoadComparison comparison = LoadComparison.of(results);
        Map<String, Html> values = Map.ofEntries(
                Map.entry("title", Html.text(LOAD_TITLE)),
                Map.entry("css", Template.stylesheet()),
                Map.entry("meta", Html.text(meta(results.environment()))),
                Map.entry("status", StatusSection.render(results)),
                Map.entry("glance", GlanceSection.render(results)),
                Map.entry("strategies", LoadSection.strategiesTable(comparison)),
                Map.entry("mean-throughput", FigureHtml.render(MeanThroughputChart.build(comparison))),
                Map.entry("wal", FigureHtml.render(WalChart.build(comparison))),
                Map.entry("latency", FigureHtml.renderAll(LatencyCharts.build(results.latencies()))),
                Map.entry("latency-table", LoadSection.latencyTable(results.latencies())),
                Map.entry("load-table", LoadSection.runsTable(results.loadRuns())),
                Map.entry("throughput", FigureHtml.render(ThroughputChart.build(results.loadRuns()))),
                Map.entry("read-scaling", ReadScalingSection.section(results.replication(), results.replicaLag(),
                        results.loadRuns())),
                Map.entry("environment", EnvironmentSection.render(results.environment())),
                Map.entry("notes", EnvironmentSection.notes(results.notes())),
                Map.entry("footer", Html.text("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + " by tviews reports from the results folder \"" + folderName(results.folder()) + "\".")));
        return Template.load("load-report.html").render(values).toString();
    }

    /** "Run of 2025-11-24T01:32:00Z · profile quick · commit 593abcd · PostgreSQL 18.1 · 2 CPUs". */
    static String meta(Optional<Environment> environment) {
        if (environment.isEmpty()) {
            return "Environment not recorded (no summary.json).";
        }
        Environment e = environment.get();
        List<String> parts = new ArrayList<>();
        if (e.date() != null) {
            parts.add("Run of " + e.date());
        }
        if (e.profile() != null) {
            parts.add("profile " + e.profile());
        }
        if (e.gitCommit() != null) {
            parts.add("commit " + e.gitCommit().substring(0, Math.min(12, e.gitCommit().length())));
        }
        if (e.postgresVersion() != null) {
            // "PostgreSQL 18.1 on x86_64-pc-linux-gnu, compiled by ..." → "PostgreSQL 18.1"
            String[] words = e.postgresVersion().split("\\s+");
            parts.add(words.length >= 2 ? words[0] + " " + words[1] : e.postgresVersion());
        }
        if (e.cpuCount() != null) {
            parts.add(e.cpuCount() + " CPUs");
        }
        return String.join(" · ", parts);
    }

    private static Path relativeLinkBase(Path resultsFolder, Path reportFolder) {
        Path from = reportFolder.toAbsolutePath().normalize();
        Path to = resultsFolder.toAbsolutePath().normalize();
        return from.relativize(to);
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }
}
