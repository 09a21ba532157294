package dev.tviews.reports.charts;

import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a chart to PNG at twice its size, so text stays sharp on high-density screens and in print. */
final class ChartImages {
    static final int SCALE = 2;

    static {
        // XChart draws with Java2D; without this a machine with no display fails at the first font lookup.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartImages() {
    }

    static void ensureHeadless() {
        // Loading this class runs the static block above; charts call this before building any AWT object.
    }

    static byte[] png(Chart<?, ?> chart) {
        int width = chart.getWidth();
        int height = chart.getHeight();
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the chart '" + chart.getTitle() + "' as PNG", e);
        }
        return out.toByteArray();
    }
}
