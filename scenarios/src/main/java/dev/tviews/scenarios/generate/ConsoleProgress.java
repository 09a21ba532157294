package dev.tviews.scenarios.generate;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on stderr: table, bar, rows, rows per second and time left, redrawn at most five times a second. */
public final class ConsoleProgress implements LoadProgress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean inPlace;
    private long lastPlain;
    private String table;
    private long total;
    private long started;
    private long lastDraw;
    private boolean barOpen;

    public ConsoleProgress(PrintStream out) {
        this(out, ProgressStyle.redrawInPlace());
    }

    /** @param inPlace redraw the bar with carriage returns (a terminal), or print plain lines now and then */
    public ConsoleProgress(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err);
    }

    @Override
    public void phase(String description) {
        out.printf("%s%s%n", barOpen ? "\n" : "", description);
        barOpen = false;
    }

    @Override
    public void tableStarted(String table, long rows) {
        this.table = table;
        this.total = rows;
        this.started = System.nanoTime();
        this.lastDraw = 0;
        this.lastPlain = System.nanoTime();
        if (inPlace) {
            draw(0, false);
        }
    }

    @Override
    public void rowsWritten(String table, long rowsSoFar) {
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(rowsSoFar, false);
        }
    }

    @Override
    public void tableFinished(String table, long rows, long nanos) {
        draw(rows, true);
    }

    private void draw(long done, boolean last) {
        if (!inPlace) {
            long now = System.nanoTime();
            if (last || now - lastPlain >= ProgressStyle.PLAIN_EVERY_NANOS) {
                lastPlain = now;
                drawPlain(done, last);
            }
            return;
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        double rate = done / seconds;
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
        String eta = rate > 0 && !last ? formatSeconds((total - done) / rate) : formatSeconds(seconds);
        out.printf(Locale.ROOT, "\r%-16s [%s%s] %,d/%,d rows  %,.0f rows/s  %s %s%s", table, "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, last ? "took" : "ETA", eta, last ? "\n" : "");
        out.flush();
        barOpen = !last;
    }

    private void drawPlain(long done, boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        double rate = done / seconds;
        out.printf(Locale.ROOT, "%-16s %,d/%,d rows  %,.0f rows/s  %s %s%n", table, done, total, rate,
                last ? "took" : "ETA", last ? formatSeconds(seconds) : formatSeconds((total - done) / Math.max(rate, 1e-9)));
        out.flush();
    }

    private static String formatSeconds(double s) {
        long total = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
