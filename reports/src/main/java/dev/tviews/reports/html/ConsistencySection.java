package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.model.CheckerSummary;
import dev.tviews.reports.model.CheckerSummary.CheckerRun;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The consistency checker's runs, with failures and their reproducers. A reproducer is linked relative to
 * the report and, when small, also embedded, so the report alone is enough to replay a failure.
 */
final class ConsistencySection {
    /** Larger reproducers are linked only; a shrunk reproducer is normally a few statements. */
    static final long EMBED_LIMIT_BYTES = 64 * 1024;

    private ConsistencySection() {
    }

    /**
     * @param resultsFolder the folder reproducer paths are relative to
     * @param linkBase      the results folder as seen from the report's folder, for links
     */
    static Html render(Optional<CheckerSummary> checker, Path resultsFolder, Path linkBase) {
        if (checker.isEmpty() || checker.get().runs().isEmpty()) {
            return Fragments.notMeasured("the results folder has no checker/summary.json, or it lists no runs.");
        }
        CheckerSummary summary = checker.get();
        long failures = summary.totalFailures();
        Html verdict = Html.el("p").add(
                failures == 0 ? Fragments.badge("good", "no failures") : Fragments.badge("bad", Numbers.count(failures)
                        + (failures == 1 ? " failure" : " failures")),
                Html.text(" " + Numbers.count(summary.totalChecks()) + " checks in " + summary.runs().size()
                        + (summary.runs().size() == 1 ? " run." : " runs."))).build();
        TableBuilder table = new TableBuilder("consistency").column("Scenario").column("Engine")
                .column("Trigger mode").numeric("Writers").numeric("Seed").numeric("Transactions")
                .numeric("Statements").numeric("Checks").numeric("Failures").numeric("Duration")
                .column("Reproducers");
        for (CheckerRun run : summary.runs()) {
            boolean failed = run.failures() != null && run.failures() > 0;
            table.row(failed ? "bad" : null,
                    Fragments.text(run.scenario()), Fragments.text(run.engine()), Fragments.text(run.triggerMode()),
                    Fragments.count(run.concurrency()), Fragments.count(run.seed()),
                    Fragments.count(run.transactions()), Fragments.count(run.statements()),
                    Fragments.count(run.checks()), Fragments.count(run.failures()),
                    Html.text(run.durationSeconds() == null ? "—" : Numbers.sig(run.durationSeconds()) + " s"),
                    links(run.reproducers(), linkBase));
            if (!run.failureDetails().isEmpty() || !run.reproducers().isEmpty() || !run.replayCommands().isEmpty()) {
                table.detailRow(details(run, resultsFolder));
            }
        }
        return Html.join(verdict, table.build());
    }

    private static Html links(List<String> reproducers, Path linkBase) {
        if (reproducers.isEmpty()) {
            return Html.text("—");
        }
        List<Html> items = new ArrayList<>();
        for (String path : reproducers) {
            Optional<String> href = href(path, linkBase);
            items.add(Html.el("div").add(href.isPresent()
                    ? Html.el("a").attr("href", href.get()).text(path).build()
                    : Html.text(path)).build());
        }
        return Html.join(items);
    }

    /** A relative link to a file inside the results folder; none for absolute paths or paths leaving the folder. */
    static Optional<String> href(String path, Path linkBase) {
        Path relative = Path.of(path).normalize();
        if (relative.isAbsolute() || relative.startsWith("..") || path.contains(":")) {
            return Optional.empty();
        }
        String target = linkBase.resolve(relative).normalize().toString().replace('\\', '/');
        try {
            return Optional.of(new URI(null, null, target, null).toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Html details(CheckerRun run, Path resultsFolder) {
        List<Html> parts = new ArrayList<>();
        if (!run.failureDetails().isEmpty()) {
            Html.Element list = Html.el("ul");
            run.failureDetails().forEach(d -> list.add(Html.el("li", d)));
            parts.add(list.build());
        }
        if (!run.replayCommands().isEmpty()) {
            parts.add(Html.el("p").cls("sub").text("Replay:").build());
            run.replayCommands().forEach(command -> parts.add(Html.el("pre").text(command).build()));
        }
        for (String path : run.reproducers()) {
            parts.add(embedded(path, resultsFolder));
        }
        return Html.join(parts);
    }

    private static Html embedded(String path, Path resultsFolder) {
        Path relative = Path.of(path).normalize();
        Path file = resultsFolder.resolve(relative);
        String note;
        if (relative.isAbsolute() || relative.startsWith("..")) {
            note = "not embedded: the path is outside the results folder";
        } else if (!Files.isRegularFile(file)) {
            note = "not embedded: the file is not in the results folder";
        } else {
            try {
                if (Files.size(file) <= EMBED_LIMIT_BYTES) {
                    return Html.el("details").add(
                            Html.el("summary").text("Reproducer " + path).build(),
                            Html.el("pre").text(Files.readString(file, StandardCharsets.UTF_8)).build()).build();
                }
                note = "not embedded: larger than " + Numbers.bytes(EMBED_LIMIT_BYTES);
            } catch (IOException e) {
                note = "not embedded: " + e.getMessage();
            }
        }
        return Html.el("p").cls("sub").text("Reproducer " + path + " — " + note + ".").build();
    }
}
