package dev.tviews.reports.charts;

import java.util.Optional;

/**
 * One chart of the report: a PNG with its title drawn in, and a one-sentence reading shown under it.
 * A chart whose data the run did not produce is a Figure without image, with the reason instead.
 *
 * @param id      stable anchor in the page, e.g. "speedup-singleRowUpdate"
 * @param title   the chart's title (also the image's alternative text)
 * @param reading one sentence saying what the chart shows, with the numbers that matter
 * @param png     the image, or null when not measured
 * @param width   display width in CSS pixels (the PNG has twice as many, for sharp text)
 * @param height  display height in CSS pixels
 */
public record Figure(String id, String title, String reading, byte[] png, int width, int height) {

    static Figure of(String id, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String reading) {
        byte[] png;
        try {
            png = ChartImages.png(chart);
        } catch (RuntimeException e) {
            // One chart the plotting library cannot draw must not cost the whole report: the tables still hold the numbers.
            return missing(id, chart.getTitle(), "This chart could not be drawn (" + e.getMessage() + "); " + reading);
        }
        return new Figure(id, chart.getTitle(), reading, png, chart.getWidth(), chart.getHeight());
    }

    static Figure missing(String id, String title, String reason) {
        return new Figure(id, title, reason, null, 0, 0);
    }

    public Optional<byte[]> image() {
        return Optional.ofNullable(png);
    }

    public boolean measured() {
        return png != null;
    }
}
