package dev.tviews.checker.oracle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks two JSON documents (a read-model row and the definition's row for the same key) and names
 * every path where they differ. Numbers are compared by value (1.0 equals 1.00) within the
 * comparison's tolerance; arrays by position, or as multisets when the comparison says their order
 * is undefined; objects by key, whatever the key order.
 */
public final class JsonDiff {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Comparison comparison;
    private final List<PathDifference> out = new ArrayList<>();

    private JsonDiff(Comparison comparison) {
        this.comparison = comparison;
    }

    /** Differences between {@code actual} (the read model) and {@code expected} (the definition); empty if equal. */
    public static List<PathDifference> diff(JsonNode actual, JsonNode expected, Comparison comparison) {
        JsonDiff d = new JsonDiff(comparison);
        d.walk("$", actual, expected);
        return List.copyOf(d.out);
    }

    public static List<PathDifference> diff(String actualJson, String expectedJson, Comparison comparison) {
        return diff(parse(actualJson), parse(expectedJson), comparison);
    }

    /** Whether two documents are equal under {@code comparison}. */
    public static boolean equal(JsonNode a, JsonNode b, Comparison comparison) {
        return new JsonDiff(comparison).same(a, b);
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + PathDifference.shorten(json), e);
        }
    }

    private void walk(String path, JsonNode a, JsonNode e) {
        if (a.isObject() && e.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path + member(k);
                JsonNode av = a.get(k);
                JsonNode ev = e.get(k);
                if (av == null) {
                    out.add(new PathDifference(p, PathDifference.Kind.MISSING, null, ev.toString()));
                } else if (ev == null) {
                    out.add(new PathDifference(p, PathDifference.Kind.EXTRA, av.toString(), null));
                } else {
                    walk(p, av, ev);
                }
            }
        } else if (a.isArray() && e.isArray()) {
            if (comparison.unorderedArrays()) {
                unorderedArray(path, a, e);
            } else {
                orderedArray(path, a, e);
            }
        } else if (!same(a, e)) {
            out.add(new PathDifference(path, PathDifference.Kind.CHANGED, a.toString(), e.toString()));
        }
    }

    private void orderedArray(String path, JsonNode a, JsonNode e) {
        if (a.size() == e.size() && a.size() > 1 && !same(a, e) && sameElements(a, e)) {
            out.add(new PathDifference(path, PathDifference.Kind.ORDER, a.toString(), e.toString()));
            return;
        }
        int n = Math.max(a.size(), e.size());
        for (int i = 0; i < n; i++) {
            String p = path + "[" + i + "]";
            if (i >= a.size()) {
                out.add(new PathDifference(p, PathDifference.Kind.MISSING, null, e.get(i).toString()));
            } else if (i >= e.size()) {
                out.add(new PathDifference(p, PathDifference.Kind.EXTRA, a.get(i).toString(), null));
            } else {
                walk(p, a.get(i), e.get(i));
            }
        }
    }

    /**
     * Elements matched as multisets: first by canonical text, then what is left over pairwise in
     * canonical order (so that elements equal within a float tolerance still pair up).
     */
    private void unorderedArray(String path, JsonNode a, JsonNode e) {
        Map<String, List<JsonNode>> pending = new LinkedHashMap<>();
        for (JsonNode x : e) {
            pending.computeIfAbsent(canonical(x), k -> new ArrayList<>()).add(x);
        }
        List<JsonNode> extra = new ArrayList<>();
        for (JsonNode x : a) {
            List<JsonNode> same = pending.get(canonical(x));
            if (same != null && !same.isEmpty()) {
                same.remove(same.size() - 1);
            } else {
                extra.add(x);
            }
        }
        List<JsonNode> missing = new ArrayList<>();
        pending.values().forEach(missing::addAll);
        Comparator<JsonNode> order = Comparator.comparing(JsonDiff::canonical);
        missing.sort(order);
        extra.sort(order);
        if (missing.size() == extra.size()) {
            boolean allClose = true;
            for (int i = 0; i < missing.size() && allClose; i++) {
                allClose = same(extra.get(i), missing.get(i));
            }
            if (allClose) {
                return;
            }
        }
        for (JsonNode m : missing) {
            out.add(new PathDifference(path + "[*]", PathDifference.Kind.MISSING, null, m.toString()));
        }
        for (JsonNode x : extra) {
            out.add(new PathDifference(path + "[*]", PathDifference.Kind.EXTRA, x.toString(), null));
        }
    }

    /** Whether two arrays hold the same multiset of elements. */
    private static boolean sameElements(JsonNode a, JsonNode e) {
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        a.forEach(n -> x.add(canonical(n)));
        e.forEach(n -> y.add(canonical(n)));
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }

    private boolean same(JsonNode a, JsonNode e) {
        if (a.isNumber() && e.isNumber()) {
            return comparison.numbersEqual(a.decimalValue(), e.decimalValue());
        }
        if (a.isObject() && e.isObject()) {
            if (a.size() != e.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = e.get(f.getKey());
                if (other == null || !same(f.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && e.isArray()) {
            if (a.size() != e.size()) {
                return false;
            }
            if (comparison.unorderedArrays()) {
                JsonDiff probe = new JsonDiff(comparison);
                probe.unorderedArray("$", a, e);
                return probe.out.isEmpty();
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), e.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == e.getNodeType() && a.equals(e);
    }

    /** Text of a value with object keys and (for unordered comparison) array elements sorted, numbers normalised. */
    static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        canonical(node, sb);
        return sb.toString();
    }

    private static void canonical(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(JsonNodeFactory.instance.textNode(keys.get(i))).append(':');
                canonical(node.get(keys.get(i)), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode x : node) {
                items.add(canonical(x));
            }
            items.sort(null);
            sb.append('[').append(String.join(",", items)).append(']');
        } else if (node.isNumber()) {
            java.math.BigDecimal d = node.decimalValue();
            sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toString());
        } else {
            sb.append(node);
        }
    }

    private static String member(String key) {
        return PLAIN_KEY.matcher(key).matches() ? "." + key : "[" + JsonNodeFactory.instance.textNode(key) + "]";
    }
}
