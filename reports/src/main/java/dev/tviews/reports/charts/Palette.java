package dev.tviews.reports.charts;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per strategy across every chart of a report, so a reader learns it once. Colours are the
 * Okabe–Ito set, distinguishable with the common colour-vision deficiencies. Trigger modes share the
 * colour of the tviews strategy that uses them.
 */
final class Palette {
    private static final Color BLUE = new Color(0x0072B2);
    private static final Color VERMILLION = new Color(0xD55E00);
    private static final Color GREEN = new Color(0x009E73);
    private static final Color ORANGE = new Color(0xE69F00);
    private static final Color PURPLE = new Color(0xCC79A7);
    private static final Color GREY = new Color(0x7F7F7F);

    private static final Map<String, Color> FIXED = Map.of(
            "tviews-statement", BLUE, "statement", BLUE,
            "tviews-row", VERMILLION, "row", VERMILLION,
            "pg-ivm", new Color(0x56B4E9),
            "hand-written", GREEN,
            "refresh-mv-concurrently", ORANGE,
            "refresh-mv", PURPLE,
            "none", GREY);

    private static final List<Color> SPARE = List.of(new Color(0x222222),
            new Color(0x8C564B), new Color(0x17BECF), new Color(0x9467BD), new Color(0xBCBD22));

    private final Map<String, Color> assigned = new HashMap<>();

    /** Unknown keys get the spare colours in the order they are first asked for. */
    Color colour(String key) {
        Color fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        return assigned.computeIfAbsent(key, k -> SPARE.get(assigned.size() % SPARE.size()));
    }
}
