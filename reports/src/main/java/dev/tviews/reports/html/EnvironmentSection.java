package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.model.Environment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the run was made. Settings that look like credentials are masked whole. */
final class EnvironmentSection {
    private EnvironmentSection() {
    }

    static Html render(Optional<Environment> environment) {
        if (environment.isEmpty()) {
            return Fragments.notMeasured("summary.json records no environment.");
        }
        Environment e = environment.get();
        TableBuilder table = new TableBuilder("environment").column("What").column("Value");
        table.row(Html.text("PostgreSQL"), Fragments.text(e.postgresVersion()));
        table.row(Html.text("Database provider"), Fragments.text(e.databaseProvider()));
        for (Map.Entry<String, String> setting : e.postgresSettings().entrySet()) {
            String value = Redactor.isSensitiveName(setting.getKey()) ? Redactor.MASK : setting.getValue();
            table.row(Html.join(Html.text("Setting "), Html.el("code", setting.getKey())), Html.el("code", value));
        }
        table.row(Html.text("JVM"), Fragments.text(e.jvm()));
        table.row(Html.text("Operating system"), Fragments.text(e.os()));
        table.row(Html.text("CPUs"), Fragments.count(e.cpuCount()));
        table.row(Html.text("Maximum heap"), Html.text(e.maxHeapBytes() == null ? "—" : Numbers.bytes(e.maxHeapBytes())));
        table.row(Html.text("Date"), Fragments.text(e.date()));
        table.row(Html.text("Git commit"), Fragments.code(e.gitCommit()));
        table.row(Html.text("Profile"), Fragments.text(e.profile()));
        return table.build();
    }

    static Html notes(List<String> notes) {
        if (notes.isEmpty()) {
            return Html.EMPTY;
        }
        Html.Element list = Html.el("ul");
        notes.forEach(n -> list.add(Html.el("li", n)));
        return Html.join(Html.el("h3", "Notes on the inputs"), list.build());
    }
}
