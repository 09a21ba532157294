package dev.tviews.checker.oracle;

import dev.tviews.checker.support.SqlResources;
import dev.tviews.database.freshness.FreshnessCheck;
import dev.tviews.database.freshness.StaleRow;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The consistency oracle: for every read model, a symmetric {@code EXCEPT ALL} between its rows
 * and what its definition returns now (counts of missing, extra and differing keys), then for each
 * differing key a JSON diff naming the paths, e.g. {@code $.data.author.name: "Ann" ≠ "Bob"}.
 *
 * <p>Rows are compared as {@code to_jsonb(row)} over the definition's columns, so json and jsonb
 * values compare by value and extra columns a strategy adds are ignored. Arrays are compared as
 * multisets only when the definition has an order-insensitive aggregate (otherwise a genuine
 * ordering bug would hide), numbers within a tolerance only when it computes in floating point.
 *
 * <p>Callable on any connection, inside or outside a transaction (it only reads; inside a
 * transaction it sees that transaction's writes). An instance learns each definition's columns on
 * first use and keeps them: use one instance per database schema.
 */
public final class Oracle {

    /** Rows described in detail per read model; the counts are always complete. */
    public static final int DEFAULT_EXAMPLES = 5;

    private final List<OracleTarget> targets;
    private final int examples;
    private List<Prepared> prepared;
    private final List<String> warnings = new ArrayList<>();

    private record Prepared(OracleTarget target, FreshnessCheck check, Comparison comparison) {
    }

    private Oracle(List<OracleTarget> targets, int examples) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the oracle needs at least one read model to check");
        }
        this.targets = List.copyOf(targets);
        this.examples = examples;
    }

    public static Oracle of(List<OracleTarget> targets) {
        return new Oracle(targets, DEFAULT_EXAMPLES);
    }

    /** The read models of a scenario, compared with the scenario's own definitions (not the engine's copy of them). */
    public static Oracle forScenario(Scenario scenario) {
        List<OracleTarget> targets = new ArrayList<>();
        for (TviewDefinition tv : scenario.tviews()) {
            targets.add(OracleTarget.of(tv.name(), tv.key(), tv.select().parsed().positionalSql()));
        }
        return of(targets);
    }

    /**
     * Every TVIEW the tviews engine has in this database ({@code tviews.tview}), each compared with
     * the view of its definition the engine keeps; an empty list if there are none.
     */
    public static List<OracleTarget> tviewsTargets(Connection c) throws SQLException {
        List<OracleTarget> targets = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT tv_table::text, key_column, backing_view::text, definition FROM tviews.tview ORDER BY depth, id""")) {
            while (rs.next()) {
                targets.add(new OracleTarget(rs.getString(1), rs.getString(1), rs.getString(2),
                        "SELECT * FROM " + rs.getString(3), rs.getString(4)));
            }
        }
        return targets;
    }

    /** A copy that describes up to {@code n} keys per read model in detail. */
    public Oracle withExamples(int n) {
        return new Oracle(targets, Math.max(0, n));
    }

    public List<OracleTarget> targets() {
        return targets;
    }

    /** Things the oracle cannot compare fairly (e.g. {@code string_agg} without ORDER BY); known after the first check. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Checks every read model, in order. */
    public OracleReport check(Connection c) throws SQLException {
        long start = System.nanoTime();
        List<TargetReport> reports = new ArrayList<>();
        for (Prepared p : prepare(c)) {
            reports.add(check(c, p));
        }
        return new OracleReport(reports, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Checks the read models named (as in their targets); unknown names are an error. */
    public OracleReport check(Connection c, Set<String> names) throws SQLException {
        long start = System.nanoTime();
        Set<String> unknown = new HashSet<>(names);
        List<TargetReport> reports = new ArrayList<>();
        for (Prepared p : prepare(c)) {
            if (unknown.remove(p.target().name())) {
                reports.add(check(c, p));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no read model named " + unknown + " among "
                    + targets.stream().map(OracleTarget::name).toList());
        }
        return new OracleReport(reports, Duration.ofNanos(System.nanoTime() - start));
    }

    private TargetReport check(Connection c, Prepared p) throws SQLException {
        long start = System.nanoTime();
        String key = p.target().keyColumn();
        // Rows of each side by key, in key order; a row appears as often as its multiplicity says.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (StaleRow stale : p.check().run(c)) {
            String k = keyOf(stale.row(), key);
            expected.computeIfAbsent(k, x -> new ArrayList<>());
            actual.computeIfAbsent(k, x -> new ArrayList<>());
            for (long i = 0; i < stale.copies(); i++) {
                (stale.missing() ? expected : actual).get(k).add(stale.row());
            }
        }
        long missing = 0;
        long extra = 0;
        long differing = 0;
        List<RowDifference> shown = new ArrayList<>();
        for (String k : expected.keySet()) {
            List<String> exp = expected.get(k);
            List<String> act = actual.get(k);
            int n = Math.max(exp.size(), act.size());
            for (int i = 0; i < n; i++) {
                RowDifference d;
                if (i >= act.size()) {
                    missing++;
                    d = new RowDifference(k, RowDifference.Kind.MISSING, List.of(), null, exp.get(i));
                } else if (i >= exp.size()) {
                    extra++;
                    d = new RowDifference(k, RowDifference.Kind.EXTRA, List.of(), act.get(i), null);
                } else {
                    List<PathDifference> paths = JsonDiff.diff(act.get(i), exp.get(i), p.comparison());
                    if (paths.isEmpty()) {
                        continue; // equal once element order and float rounding are forgiven
                    }
                    differing++;
                    d = new RowDifference(k, RowDifference.Kind.DIFFERS, paths, act.get(i), exp.get(i));
                }
                if (shown.size() < examples) {
                    shown.add(d);
                }
            }
        }
        return new TargetReport(p.target().name(), missing, extra, differing, shown,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The row's key; a composite key's values joined by ", " (its columns are named so in {@code key}). */
    private static String keyOf(String rowJson, String key) {
        JsonNode row = JsonDiff.parse(rowJson);
        List<String> parts = new ArrayList<>();
        for (String column : keyColumns(key)) {
            JsonNode k = row.get(column);
            parts.add(k == null || k.isNull() ? "NULL" : k.isTextual() ? k.asText() : k.toString());
        }
        return String.join(", ", parts);
    }

    private static List<String> keyColumns(String key) {
        return java.util.Arrays.stream(key.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private synchronized List<Prepared> prepare(Connection c) throws SQLException {
        if (prepared != null) {
            return prepared;
        }
        Set<String> doubles = new HashSet<>();
        Set<String> reals = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SqlResources.load(Oracle.class,
                "float-columns.sql"))) {
            while (rs.next()) {
                (rs.getString(2).equals("float4") ? reals : doubles).add(rs.getString(1));
            }
        }
        List<Prepared> out = new ArrayList<>();
        Set<String> unorderedRelations = new HashSet<>();
        for (OracleTarget t : targets) {
            FreshnessCheck check = FreshnessCheck.prepare(c, t.name(), t.relationSql(), t.definitionSql(),
                    keyColumns(t.keyColumn()));
            boolean floatOutput = check.types().contains("float8");
            boolean realOutput = check.types().contains("float4");
            DefinitionTraits traits = DefinitionTraits.of(t.definitionText(), doubles, reals, unorderedRelations);
            if (traits.unorderedAggregates()) {
                unorderedRelations.add(lastPart(t.name()));
            }
            if (traits.unorderedStrings()) {
                warnings.add(t.name() + " builds a string with string_agg without ORDER BY: its order is undefined, "
                        + "so a correct read model may differ from a fresh evaluation; add ORDER BY inside string_agg");
            }
            Comparison cmp = new Comparison(traits.unorderedAggregates(),
                    traits.realPrecision() || realOutput ? Comparison.REAL_TOLERANCE
                            : traits.floatingPoint() || floatOutput ? Comparison.DOUBLE_TOLERANCE : 0);
            out.add(new Prepared(t, check, cmp));
        }
        prepared = List.copyOf(out);
        return prepared;
    }

    private static String lastPart(String name) {
        String n = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return n.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
    }
}
