package dev.tviews.reports.charts;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled bar per strategy. Every bar carries its value above it, so a bar too short to see still reads;
 * when the values span a decade or more the axis is logarithmic, so the small ones keep a visible height.
 */
final class StrategyBars {
    /** The ratio of the largest to the smallest value from which the axis turns logarithmic. */
    static final double LOG_FROM = 10;

    private StrategyBars() {
    }

    /** Whether these values need a log axis: all positive and spanning at least {@link #LOG_FROM}. */
    static boolean spansDecades(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_FROM;
    }

    /**
     * @param names  the strategies, in the order of the bars
     * @param values    one value per strategy
     * @param tickLabel how a value is written on the linear axis and on its bar (a log axis writes plain numbers:
     *                  XChart cannot combine a label function with a log axis)
     */
    static CategoryChart build(String title, String yTitle, List<String> names, List<Double> values,
                               java.util.function.Function<Double, String> tickLabel) {
        boolean log = spansDecades(values);
        CategoryChart chart = ChartStyle.category(title, "Strategy", yTitle + (log ? ", log scale" : ""));
        // The value goes just above the bar's top in dark text: readable on a bar of any height.
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsFontColor(new Color(0x222222));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        if (log) {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
            // Enough decimals for the smallest value to read (0.4, not 0), none for large ones (738, not 738.008).
            int decimals = (int) Math.max(0, Math.min(3, 1 - Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisDecimalPattern(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals));
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min) + 1e-9)));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.5))));
        } else {
            chart.getStyler().setYAxisMin(0.0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            chart.getStyler().setYAxisMax(max <= 0 ? 1 : max * 1.15);
            chart.getStyler().setyAxisTickLabelsFormattingFunction(tickLabel);
        }
        Palette palette = new Palette();
        for (int i = 0; i < names.size(); i++) {
            List<Double> one = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                one.add(i == j ? values.get(i) : null);
            }
            CategorySeries series = chart.addSeries(names.get(i), names, one);
            series.setFillColor(palette.colour(names.get(i)));
        }
        return chart;
    }
}
