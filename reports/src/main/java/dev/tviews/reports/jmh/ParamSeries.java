package dev.tviews.reports.jmh;

import dev.tviews.reports.model.JmhResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns JMH rows into chart lines: x from one numeric {@code @Param}, one line per value of another,
 * y the score in ms/op. Rows lacking either param, or with a non-numeric x, are left out; params that
 * vary besides these two are added to the line's label so no two rows are drawn as one point.
 */
public final class ParamSeries {

    public record Point(double x, double yMillis, double errorMillis) {
    }

    /** @param key the series param's value, which picks the colour; label adds any other varying params */
    public record Series(String key, String label, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private ParamSeries() {
    }

    public static List<Series> group(List<JmhResult> rows, String xParam, String seriesParam) {
        Set<String> varying = varyingParams(rows, Set.of(xParam, seriesParam));
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, List<Point>> points = new LinkedHashMap<>();
        for (JmhResult row : rows) {
            String seriesValue = row.params().get(seriesParam);
            OptionalDouble x = number(row.params().get(xParam));
            OptionalDouble y = Scores.millisPerOp(row);
            if (seriesValue == null || x.isEmpty() || y.isEmpty()) {
                continue;
            }
            String label = label(seriesValue, row, varying);
            keys.put(label, seriesValue);
            points.computeIfAbsent(label, l -> new ArrayList<>())
                    .add(new Point(x.getAsDouble(), y.getAsDouble(), Scores.errorMillisPerOp(row)));
        }
        List<Series> result = new ArrayList<>();
        points.forEach((label, list) -> {
            list.sort(Comparator.comparingDouble(Point::x));
            result.add(new Series(keys.get(label), label, list));
        });
        result.sort(Comparator.comparing(Series::key, Strategies.ORDER).thenComparing(Series::label));
        return result;
    }

    /** Rows grouped by benchmark method, methods in the order they first appear. */
    public static Map<String, List<JmhResult>> byMethod(List<JmhResult> rows, String className) {
        Map<String, List<JmhResult>> result = new LinkedHashMap<>();
        for (JmhResult row : rows) {
            if (row.className().equals(className)) {
                result.computeIfAbsent(row.methodName(), m -> new ArrayList<>()).add(row);
            }
        }
        return result;
    }

    public static OptionalDouble number(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text.trim().replace("_", "")));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Set<String> varyingParams(List<JmhResult> rows, Set<String> excluded) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (JmhResult row : rows) {
            row.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        }
        Set<String> varying = new TreeSet<>();
        values.forEach((k, v) -> {
            if (!excluded.contains(k) && v.size() > 1) {
                varying.add(k);
            }
        });
        return varying;
    }

    private static String label(String seriesValue, JmhResult row, Set<String> varying) {
        StringBuilder label = new StringBuilder(seriesValue);
        List<String> extra = new ArrayList<>();
        for (String p : varying) {
            if (row.params().containsKey(p)) {
                extra.add(p + "=" + row.params().get(p));
            }
        }
        if (!extra.isEmpty()) {
            label.append(" (").append(String.join(", ", extra)).append(')');
        }
        return label.toString();
    }
}
