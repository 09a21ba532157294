package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.model.Summary;
import dev.tviews.reports.model.Target;

import java.util.Optional;

/** The targets of docs/performance.md, each marked met, missed or not measured, with the measured value. */
final class TargetsSection {
    private TargetsSection() {
    }

    static Html render(Optional<Summary> summary) {
        if (summary.isEmpty() || summary.get().targets().isEmpty()) {
            return Fragments.notMeasured("summary.json lists no targets.");
        }
        TableBuilder table = new TableBuilder("targets")
                .column("Status").column("Target").numeric("Measured").numeric("Threshold").column("Reproduce with");
        for (Target t : summary.get().targets()) {
            Target.Verdict verdict = t.verdict();
            table.row(verdict == Target.Verdict.MISSED ? "bad" : null,
                    badge(verdict),
                    Html.join(Html.el("strong", t.name() == null ? "(unnamed)" : t.name()),
                            t.description() == null ? Html.EMPTY
                                    : Html.el("div").cls("sub").text(t.description()).build()),
                    Html.text(t.measured() == null ? "not measured" : withUnit(t.measured(), t.unit())),
                    Html.text(threshold(t)),
                    Fragments.code(t.command()));
        }
        return table.build();
    }

    static Html badge(Target.Verdict verdict) {
        return switch (verdict) {
            case MET -> Fragments.badge("good", "met");
            case MISSED -> Fragments.badge("bad", "missed");
            case NOT_MEASURED -> Fragments.badge("missing", "not measured");
        };
    }

    private static String threshold(Target t) {
        if (t.threshold() == null) {
            return "—";
        }
        String sign = t.better() == null ? "" : t.better() == Target.Better.LOWER ? "≤ " : "≥ ";
        return sign + withUnit(t.threshold(), t.unit());
    }

    private static String withUnit(double value, String unit) {
        if (unit == null || unit.isBlank()) {
            return Numbers.sig(value);
        }
        return unit.equals("x") || unit.equals("×") ? Numbers.factor(value) : Numbers.sig(value) + " " + unit;
    }
}
