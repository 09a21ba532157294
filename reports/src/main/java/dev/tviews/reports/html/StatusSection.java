package dev.tviews.reports.html;

import dev.tviews.reports.model.RunResults;
import dev.tviews.reports.model.RunStatus;

import java.util.Optional;

/** The banner over a run that did not finish: what stopped it and which parts have no results. */
final class StatusSection {
    private StatusSection() {
    }

    static Html render(RunResults results) {
        Optional<RunStatus> status = results.summary().map(s -> s.status());
        if (status.isEmpty() || !status.get().isIncomplete()) {
            return Html.EMPTY;
        }
        RunStatus s = status.get();
        String why = RunStatus.RUNNING.equals(s.state())
                ? "the run did not finish: summary.json still says it is running (the process was killed, or is "
                        + "still writing this folder)."
                : (s.reason() == null ? "the run stopped early." : s.reason() + ".");
        Html.Element banner = Html.el("div").cls("incomplete").attr("id", "incomplete").add(
                Html.el("p").add(Html.el("strong", "Incomplete run: "), Html.text(why + " Every number below comes "
                        + "from the part that ran; a headline from a few iterations is less certain than it looks."))
                        .build());
        if (!s.missing().isEmpty()) {
            banner.add(Html.el("p").text((RunStatus.RUNNING.equals(s.state()) ? "Planned, possibly without results: "
                    : "Missing: ") + String.join(", ", s.missing()) + ".").build());
        }
        return banner.build();
    }
}
