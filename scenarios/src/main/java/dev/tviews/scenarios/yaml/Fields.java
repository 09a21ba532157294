package dev.tviews.scenarios.yaml;

import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.validation.ScenarioProblem;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed access to the keys of one YAML mapping; every mistake becomes a located problem. */
final class Fields {

    private final YamlNode.MapNode map;
    private final String what;
    private final List<ScenarioProblem> problems;

    private Fields(YamlNode.MapNode map, String what, List<ScenarioProblem> problems) {
        this.map = map;
        this.what = what;
        this.problems = problems;
    }

    /** {@code node} as a mapping with only {@code allowed} keys, or empty (with a problem) if it is not a mapping. */
    static Optional<Fields> of(YamlNode node, String what, Set<String> allowed, List<ScenarioProblem> problems) {
        if (!(node instanceof YamlNode.MapNode map)) {
            problems.add(new ScenarioProblem(node.location(), what + " must be a mapping (key: value lines), not " + node.kind(),
                    "see the example in docs/scenarios.md"));
            return Optional.empty();
        }
        for (YamlNode.Entry e : map.entries().values()) {
            if (!allowed.contains(e.key())) {
                problems.add(new ScenarioProblem(e.keyLocation(), "unknown field '" + e.key() + "' in " + what,
                        suggestion(e.key(), allowed) + "the fields of " + what + " are: " + String.join(", ", allowed)));
            }
        }
        return Optional.of(new Fields(map, what, problems));
    }

    static String suggestion(String wrong, Set<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(c, wrong) <= Math.max(1, c.length() / 3))
                .min(Comparator.comparingInt(c -> distance(c, wrong)))
                .map(c -> "did you mean '" + c + "'? ")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    YamlNode.MapNode node() {
        return map;
    }

    SourceLocation location() {
        return map.location();
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    Optional<YamlNode> get(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    Optional<YamlNode> require(String key, String fix) {
        Optional<YamlNode> v = get(key);
        if (v.isEmpty()) {
            problems.add(new ScenarioProblem(map.location(), what + " has no '" + key + "'", fix));
        }
        return v;
    }

    SourceLocation keyLocation(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.location() : e.keyLocation();
    }

    Optional<String> string(String key, boolean required, String fix) {
        Optional<YamlNode> v = required ? require(key, fix) : get(key);
        return v.flatMap(n -> asString(n, what + " field '" + key + "'"));
    }

    Optional<String> asString(YamlNode n, String description) {
        if (n instanceof YamlNode.Scalar s && s.type() != YamlNode.Scalar.Type.NULL) {
            return Optional.of(s.text());
        }
        problems.add(new ScenarioProblem(n.location(), description + " must be a string, not " + n.kind(), ""));
        return Optional.empty();
    }

    Optional<Long> integer(String key, boolean required, String fix) {
        Optional<YamlNode> v = required ? require(key, fix) : get(key);
        return v.flatMap(n -> asInteger(n, what + " field '" + key + "'"));
    }

    Optional<Long> asInteger(YamlNode n, String description) {
        if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.INTEGER) {
            try {
                return Optional.of(Long.parseLong(s.text().replace("_", "")));
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
        }
        String shown = n instanceof YamlNode.Scalar s && s.text() != null ? " '" + s.text() + "'" : "";
        problems.add(new ScenarioProblem(n.location(), description + " must be a whole number, not " + n.kind() + shown, ""));
        return Optional.empty();
    }

    Optional<BigDecimal> decimal(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && (s.type() == YamlNode.Scalar.Type.INTEGER || s.type() == YamlNode.Scalar.Type.DECIMAL)) {
                try {
                    return Optional.of(new BigDecimal(s.text().replace("_", "")));
                } catch (NumberFormatException e) {
                    // falls through
                }
            }
            problems.add(new ScenarioProblem(n.location(), what + " field '" + key + "' must be a number, not " + n.kind(), ""));
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text()));
            }
            problems.add(new ScenarioProblem(n.location(), what + " field '" + key + "' must be true or false, not " + n.kind(), ""));
            return Optional.empty();
        });
    }
}
