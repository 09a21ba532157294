package dev.tviews.scenarios.generate;

import java.util.Locale;

/**
 * How progress is shown: redrawn in place with carriage returns on a terminal, as plain lines every
 * {@link #PLAIN_EVERY_NANOS} otherwise (a log file or CI output would otherwise collect every redraw on one
 * garbled line). {@code -Dtviews.progress=tty|plain} overrides the guess.
 */
public final class ProgressStyle {

    public static final String PROPERTY = "tviews.progress";
    /** Plain progress lines come this often. */
    public static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private ProgressStyle() {
    }

    /** Whether progress may redraw in place: a terminal, unless the property says otherwise. */
    public static boolean redrawInPlace() {
        String chosen = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (chosen.equals("tty")) {
            return true;
        }
        if (chosen.equals("plain")) {
            return false;
        }
        return System.console() != null;
    }
}
