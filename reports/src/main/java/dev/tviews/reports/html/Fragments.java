package dev.tviews.reports.html;

import dev.tviews.reports.format.Numbers;

/** Small pieces several sections share. */
final class Fragments {
    private Fragments() {
    }

    /** "Not measured in this run: …" in place of a table. */
    static Html notMeasured(String what) {
        return Html.el("p").cls("empty").text("Not measured in this run: " + what).build();
    }

    static Html badge(String tone, String text) {
        return Html.el("span").cls("badge " + tone).text(text).build();
    }

    static Html count(Long value) {
        return Html.text(value == null ? "—" : Numbers.count(value));
    }

    static Html count(Integer value) {
        return Html.text(value == null ? "—" : Numbers.count(value));
    }

    static Html sig(Double value) {
        return Html.text(value == null ? "—" : Numbers.sig(value));
    }

    static Html text(String value) {
        return Html.text(value == null || value.isBlank() ? "—" : value);
    }

    static Html code(String value) {
        return value == null || value.isBlank() ? Html.text("—") : Html.el("code", value);
    }
}
