package dev.tviews.reports.compare;

import dev.tviews.reports.compare.BenchmarkChange.Score;
import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.html.Html;
import dev.tviews.reports.html.Redactor;
import dev.tviews.reports.html.TableBuilder;
import dev.tviews.reports.html.Template;
import dev.tviews.reports.model.Environment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The comparison of two runs as one self-contained page, from {@code comparison.html}. */
final class ComparisonPage {
    static final String TITLE = "tviews benchmark comparison";

    private ComparisonPage() {
    }

    static String render(Comparison c) {
        Map<String, Html> values = Map.of(
                "title", Html.text(TITLE),
                "css", Template.stylesheet(),
                "meta", Html.text("Baseline " + c.baselineName() + describe(c.baselineEnvironment())
                        + " against new run " + c.currentName() + describe(c.currentEnvironment())),
                "cards", cards(c),
                "changes", changes(c.changes()),
                "environment", environment(c.baselineEnvironment(), c.currentEnvironment()),
                "footer", Html.text("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + " by tviews reports: " + RunComparison.summary(c) + "."));
        return Template.load("comparison.html").render(values).toString();
    }

    private static String describe(Optional<Environment> environment) {
        if (environment.isEmpty()) {
            return "";
        }
        Environment e = environment.get();
        StringBuilder sb = new StringBuilder(" (");
        sb.append(e.date() == null ? "date not recorded" : e.date());
        if (e.gitCommit() != null) {
            sb.append(", commit ").append(e.gitCommit(), 0, Math.min(12, e.gitCommit().length()));
        }
        return sb.append(')').toString();
    }

    private static Html cards(Comparison c) {
        int regressed = c.withStatus(ChangeStatus.REGRESSED).size();
        return Html.el("div").cls("cards").add(
                card("Regressions", regressed, "worse beyond the measured error", regressed > 0 ? "bad" : "good"),
                card("Improvements", c.withStatus(ChangeStatus.IMPROVED).size(), "better beyond the measured error",
                        "neutral"),
                card("Unchanged", c.withStatus(ChangeStatus.UNCHANGED).size(), "within the measured error", "neutral"),
                card("Added / removed", c.withStatus(ChangeStatus.ADDED).size() + " / "
                        + c.withStatus(ChangeStatus.REMOVED).size(), "benchmarks in only one of the runs", "neutral"))
                .build();
    }

    private static Html card(String label, Object value, String detail, String tone) {
        return Html.el("div").cls("card " + tone).add(
                Html.el("div").cls("label").text(label).build(),
                Html.el("div").cls("value").text(String.valueOf(value)).build(),
                Html.el("div").cls("detail").text(detail).build()).build();
    }

    private static Html changes(List<BenchmarkChange> changes) {
        TableBuilder table = new TableBuilder("comparison").column("Status").column("Benchmark").column("Params")
                .column("Mode").numeric("Baseline").numeric("New").column("Unit").numeric("Change");
        for (BenchmarkChange change : changes) {
            table.row(change.status() == ChangeStatus.REGRESSED ? "bad" : null,
                    badge(change.status()),
                    Html.el("code", change.shortName()),
                    Html.text(change.params().isEmpty() ? "—" : new java.util.TreeMap<>(change.params()).entrySet()
                            .stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))),
                    Html.text(change.mode()),
                    score(change.baseline()),
                    score(change.current()),
                    Html.text(change.unit()),
                    Html.text(change.changePercent().map(Numbers::signedPercent).orElse("—")));
        }
        return table.build();
    }

    private static Html score(Optional<Score> score) {
        if (score.isEmpty()) {
            return Html.text("—");
        }
        String error = Double.isFinite(score.get().error()) ? Numbers.sig(score.get().error()) : "n/a";
        return Html.text(Numbers.sig(score.get().value()) + " ± " + error);
    }

    private static Html badge(ChangeStatus status) {
        String tone = switch (status) {
            case REGRESSED -> "bad";
            case IMPROVED -> "good";
            case ADDED, REMOVED, NO_ERROR_ESTIMATE -> "warn";
            default -> "missing";
        };
        return Html.el("span").cls("badge " + tone).text(status.name().toLowerCase().replace('_', ' ')).build();
    }

    /** Only what differs: a comparison across different servers or settings is read differently. */
    private static Html environment(Optional<Environment> baseline, Optional<Environment> current) {
        if (baseline.isEmpty() || current.isEmpty()) {
            return Html.el("p").cls("empty").text("Not recorded for "
                    + (baseline.isEmpty() && current.isEmpty() ? "either run" : baseline.isEmpty() ? "the baseline"
                    : "the new run") + " (no summary.json).").build();
        }
        Map<String, String> before = flatten(baseline.get());
        Map<String, String> after = flatten(current.get());
        TableBuilder table = new TableBuilder("environment").column("What").column("Baseline").column("New");
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                table.row(Html.text(key), Html.text(Objects.requireNonNullElse(before.get(key), "—")),
                        Html.text(Objects.requireNonNullElse(after.get(key), "—")));
            }
        }
        if (table.rowCount() == 0) {
            return Html.el("p").text("None: both runs recorded the same PostgreSQL, settings, JVM, OS and CPUs.").build();
        }
        return table.build();
    }

    private static Map<String, String> flatten(Environment e) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("PostgreSQL", e.postgresVersion());
        map.put("Database provider", e.databaseProvider());
        e.postgresSettings().forEach((k, v) -> map.put("Setting " + k, Redactor.isSensitiveName(k) ? Redactor.MASK : v));
        map.put("JVM", e.jvm());
        map.put("Operating system", e.os());
        map.put("CPUs", e.cpuCount() == null ? null : e.cpuCount().toString());
        map.put("Maximum heap", e.maxHeapBytes() == null ? null : Numbers.bytes(e.maxHeapBytes()));
        map.put("Git commit", e.gitCommit());
        map.put("Profile", e.profile());
        return map;
    }
}
