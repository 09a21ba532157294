package dev.tviews.reports.charts;

import dev.tviews.reports.format.Numbers;
import dev.tviews.reports.jmh.Strategies;
import dev.tviews.reports.model.LatencyHistogram;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latency by percentile, one chart per operation, one line per strategy: the standard HdrHistogram view,
 * with x = 1/(1−p) on a log axis so that each further "9" (90%, 99%, 99.9%) gets the same width.
 * The axis is drawn linear in log10(1/(1−p)), because XChart cannot label a log axis with percentiles.
 */
public final class LatencyCharts {
    /** Curve points per factor of ten in 1/(1−p), i.e. per added "9": smooth enough, few points. */
    private static final double GRID_PER_DECADE = 10.0;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private LatencyCharts() {
    }

    public static List<Figure> build(List<LatencyHistogram> latencies) {
        if (latencies.isEmpty()) {
            return List.of(Figure.missing("latency", "Latency by percentile",
                    "Not measured in this run: the results folder has no histograms/<strategy>/<operation>.hlog."));
        }
        Map<String, List<LatencyHistogram>> byOperation = new TreeMap<>();
        for (LatencyHistogram h : latencies) {
            byOperation.computeIfAbsent(h.operation(), o -> new ArrayList<>()).add(h);
        }
        List<Figure> figures = new ArrayList<>();
        byOperation.forEach((operation, list) -> figures.add(figure(operation, list)));
        return figures;
    }

    private static Figure figure(String operation, List<LatencyHistogram> histograms) {
        List<LatencyHistogram> sorted = histograms.stream()
                .sorted(Comparator.comparing(LatencyHistogram::strategy, Strategies.ORDER)).toList();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        List<Double> allMillis = new ArrayList<>();
        for (LatencyHistogram h : sorted) {
            double[][] curve = curve(h.histogram());
            curves.put(h.strategy(), curve);
            for (double v : curve[1]) {
                allMillis.add(v);
            }
        }
        TimeAxis axis = TimeAxis.forMillis(allMillis);
        double min = allMillis.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1);
        double max = allMillis.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        // A linear axis is the usual view; when strategies differ by orders of magnitude only a log axis shows all.
        boolean log = max / min > 50;
        String title = "Latency by percentile — " + operation;
        XYChart chart = ChartStyle.xy(title, "Percentile (log scale of 1/(1−p))",
                "Latency (" + axis.unit() + (log ? ", log scale" : "") + ")");
        chart.getStyler().setxAxisTickLabelsFormattingFunction(LatencyCharts::percentileLabel);
        chart.getStyler().setXAxisMin(0.0);
        // At least up to p99, so that a short run's axis still has labelled nines (0%, 90%, 99%).
        double lastX = curves.values().stream().mapToDouble(c -> c[0][c[0].length - 1]).max().orElse(2);
        if (lastX < 2) {
            chart.getStyler().setXAxisMax(2.0);
        }
        chart.getStyler().setMarkerSize(0);
        if (log) {
            ChartStyle.logY(chart, axis.fromMillis(min), axis.fromMillis(max));
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        Palette palette = new Palette();
        int index = 0;
        for (var entry : curves.entrySet()) {
            double[] y = entry.getValue()[1].clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = axis.fromMillis(log ? Math.max(y[i], min) : y[i]);
            }
            XYSeries series = chart.addSeries(entry.getKey(), entry.getValue()[0], y);
            ChartStyle.line(series, palette.colour(entry.getKey()), index++);
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        return Figure.of("latency-" + operation, chart, reading(sorted));
    }

    /**
     * Points (log10(1/(1−p)), latency in ms) on a grid of tenths: ten points per "9", the same x for every
     * strategy (XChart derives tick positions from the x values, and irregular ones make it crawl). The curve
     * stops where the histogram has no more resolution (p = 1 − 1/count) and ends with the maximum.
     */
    static double[][] curve(Histogram histogram) {
        double last = Math.log10(Math.max(2, histogram.getTotalCount()));
        List<double[]> points = new ArrayList<>();
        int k = 0;
        for (; k / GRID_PER_DECADE < last; k++) {
            double percentile = 100.0 * (1.0 - Math.pow(10, -k / GRID_PER_DECADE));
            points.add(new double[] {k / GRID_PER_DECADE, histogram.getValueAtPercentile(percentile) / NANOS_PER_MILLI});
        }
        points.add(new double[] {k / GRID_PER_DECADE, histogram.getMaxValue() / NANOS_PER_MILLI});
        double[][] result = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            result[0][i] = points.get(i)[0];
            result[1][i] = points.get(i)[1];
        }
        return result;
    }

    /** log10(1/(1−p)) back to a percentile: 0 → "0%", 1 → "90%", 3 → "99.9%". */
    static String percentileLabel(double log10X) {
        if (!Double.isFinite(log10X)) {
            return "?";
        }
        if (Math.abs(log10X - Math.rint(log10X)) > 1e-6) {
            // The tick spacing puts ticks on the nines only; should XChart place one between, it gets its own
            // percentile: a label must be non-empty (XChart measures it) and distinct (XChart insists).
            return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * (1.0 - Math.pow(10, -log10X)));
        }
        if (log10X < 0.5) {
            return "0%";
        }
        double x = Math.pow(10, log10X);
        double p = 100.0 * (1.0 - 1.0 / x);
        int decimals = (int) Math.min(8, Math.max(0, Math.ceil(log10X - 1e-9) - 2));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f%%", p);
    }

    private static String reading(List<LatencyHistogram> sorted) {
        List<String> p99 = new ArrayList<>();
        LatencyHistogram worst = sorted.get(0);
        boolean thin = false;
        for (LatencyHistogram h : sorted) {
            boolean supported = Percentiles.supported(h.histogram().getTotalCount(), 99);
            thin |= !supported;
            p99.add(h.strategy() + " " + Numbers.millis(h.histogram().getValueAtPercentile(99) / NANOS_PER_MILLI)
                    + (supported ? "" : " (only " + h.histogram().getTotalCount() + " samples)"));
            if (h.histogram().getMaxValue() > worst.histogram().getMaxValue()) {
                worst = h;
            }
        }
        return "At the 99th percentile: " + ParamLineChart.joinAnd(p99) + "; the slowest single operation took "
                + Numbers.millis(worst.histogram().getMaxValue() / NANOS_PER_MILLI) + " (" + worst.strategy()
                + "). Lower is better; each line ends at its maximum."
                + (thin ? " With fewer than 100 samples the 99th percentile is simply the largest sample: run "
                        + "longer for a real tail." : "");
    }
}
