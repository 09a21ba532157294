package dev.tviews.reports.charts;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/** The one look of every chart in a report: white, light grid, legend below, same fonts and sizes. */
final class ChartStyle {
    static final int WIDTH = 640;
    static final int HEIGHT = 420;

    private static final String FONT = Font.SANS_SERIF;

    private ChartStyle() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        ChartImages.ensureHeadless();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        axes(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    static CategoryChart category(String title, String xTitle, String yTitle) {
        ChartImages.ensureHeadless();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        axes(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.6);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(FONT, Font.BOLD, 12));
        chart.getStyler().setLabelsFontColor(Color.WHITE);
        return chart;
    }

    private static void axes(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0xBBBBBB));
        styler.setPlotGridLinesColor(new Color(0xE3E3E3));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartFontColor(new Color(0x222222));
        styler.setAxisTickLabelsColor(new Color(0x333333));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
    }

    /** A line with markers in the strategy's colour. */
    static void line(XYSeries series, Color colour, int index) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineWidth(2f);
        series.setMarker(MARKERS[index % MARKERS.length]);
    }

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
            SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    /*
     * Log axes are labelled at powers of ten with a decimal pattern (1, 10, 1,000). XChart 3.8.8 ignores the
     * log scale when a tick-label function is set and walks the range linearly, which never ends on wide
     * ranges, so a function must never be combined with a log axis.
     */
    private static final String LOG_PATTERN = "#,##0.###";

    static void logX(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisDecimalPattern(LOG_PATTERN);
    }

    /** XChart labels only powers of ten on a log axis, so the axis is widened to whole decades: both ends get a label. */
    static void logY(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setYAxisDecimalPattern(LOG_PATTERN);
        if (min > 0 && max >= min) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min) + 1e-9)));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max) - 1e-9)));
        }
    }
}
