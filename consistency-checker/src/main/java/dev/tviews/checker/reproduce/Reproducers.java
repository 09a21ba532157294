package dev.tviews.checker.reproduce;

import dev.tviews.checker.oracle.OracleTarget;
import dev.tviews.checker.run.LogEntry;
import dev.tviews.database.freshness.FreshnessCheck;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds reproducer scripts from what a checker run recorded. */
public final class Reproducers {

    private Reproducers() {
    }

    /**
     * The statements of a single-session statement log, cut at its first failure (the log's
     * {@code FAILURE} comment): what ran after it cannot matter.
     */
    public static List<ScriptBlock.Step> stepsUpToFailure(List<LogEntry> entries) {
        return steps(entries, true);
    }

    /** Every statement of a single-session statement log. */
    public static List<ScriptBlock.Step> steps(List<LogEntry> entries) {
        return steps(entries, false);
    }

    private static List<ScriptBlock.Step> steps(List<LogEntry> entries, boolean cut) {
        List<ScriptBlock.Step> steps = new ArrayList<>();
        // Sequence positions logged before each write: a write pins those it moved (compared with the next write's).
        List<Integer> writes = new ArrayList<>();
        List<java.util.Map<String, String>> before = new ArrayList<>();
        java.util.Map<String, String> pending = null;
        for (LogEntry e : entries) {
            if (cut && e instanceof LogEntry.Comment c && c.comment().startsWith("FAILURE")) {
                break;
            }
            if (e instanceof LogEntry.Comment c && c.comment().startsWith(SEQUENCES)) {
                pending = parseSequences(c.comment().substring(SEQUENCES.length()));
                continue;
            }
            if (e instanceof LogEntry.Sql s) {
                steps.add(new ScriptBlock.Step(1, s.sql(), ""));
            } else if (e instanceof LogEntry.Copy copy) {
                steps.add(new ScriptBlock.Step(1, copy.sql(), copy.data()));
            } else {
                continue;
            }
            if (pending != null) {
                writes.add(steps.size() - 1);
                before.add(pending);
                pending = null;
            }
        }
        for (int w = 0; w < writes.size(); w++) {
            java.util.Map<String, String> now = before.get(w);
            java.util.Map<String, String> next = w + 1 < writes.size() ? before.get(w + 1) : null;
            List<String> pins = new ArrayList<>();
            for (var seq : now.entrySet()) {
                if (next == null || !seq.getValue().equals(next.get(seq.getKey()))) {
                    pins.add(seq.getValue().isEmpty() ? "setval(" + Identifiers.literal(seq.getKey()) + ", 1, false)"
                            : "setval(" + Identifiers.literal(seq.getKey()) + ", " + seq.getValue() + ", true)");
                }
            }
            if (!pins.isEmpty() && next != null) {
                ScriptBlock.Step s = steps.get(writes.get(w));
                steps.set(writes.get(w), new ScriptBlock.Step(s.session(), s.sql(), s.copyData(),
                        "SELECT " + String.join(", ", pins)));
            }
        }
        return steps;
    }

    /** How the checker logs sequence positions before a write: {@code sequences: name=value name= …}. */
    public static final String SEQUENCES = "sequences: ";

    private static java.util.Map<String, String> parseSequences(String text) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : text.trim().split(" ")) {
            int eq = part.lastIndexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    /** Setup, breakage, steps and the check query, in the order replay runs them. */
    public static Script script(List<String> header, List<ScriptBlock> setup, List<String> breakage,
                                List<ScriptBlock.Step> steps, ScriptBlock.Check check) {
        List<ScriptBlock> blocks = new ArrayList<>(setup);
        breakage.forEach(sql -> blocks.add(new ScriptBlock.Sql("breakage", sql)));
        blocks.addAll(steps);
        blocks.add(check);
        return new Script(header, blocks);
    }

    /**
     * A query listing, per read model, the rows only the definition has and the rows only the read
     * model has (as JSON, projected to the definition's columns, with how many copies differ): empty
     * when fresh. It is the oracle's own comparison ({@link FreshnessCheck}), which compares exactly;
     * the oracle that {@code replay} runs also forgives the order of unordered aggregates and float
     * rounding.
     */
    public static ScriptBlock.Check checkQuery(Connection c, List<OracleTarget> targets) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (OracleTarget t : targets) {
            FreshnessCheck check = FreshnessCheck.prepare(c, t.name(), t.relationSql(), t.definitionSql(),
                    Arrays.stream(t.keyColumn().split(",")).map(String::strip).toList());
            parts.add("(SELECT " + Identifiers.literal(t.name()) + " AS read_model,\n"
                    + "        CASE WHEN surplus > 0 THEN 'only in the definition' ELSE 'only in the read model' END AS side,\n"
                    + "        abs(surplus) AS copies, row AS row_json\n"
                    + "   FROM (\n" + check.sql() + "\n) c)");
        }
        return new ScriptBlock.Check("-- Rows where a read model and its definition differ (none when fresh).\n"
                + String.join("\nUNION ALL\n", parts));
    }
}
