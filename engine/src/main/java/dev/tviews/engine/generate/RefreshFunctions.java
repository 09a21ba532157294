package dev.tviews.engine.generate;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.ColumnInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.tviews.engine.analysis.Sql.quote;

/** Generates a TVIEW's two refresh functions: by key ({@code refresh_<id>}) and full ({@code refresh_all_<id>}). */
public final class RefreshFunctions {

    private static final SqlTemplate BY_KEY = SqlTemplate.load("refresh_keys.sql");
    private static final SqlTemplate FULL = SqlTemplate.load("refresh_all.sql");

    private RefreshFunctions() {
    }

    public static String byKeyName(int id) {
        return "refresh_" + id;
    }

    public static String fullName(int id) {
        return "refresh_all_" + id;
    }

    public static String byKey(int id, Analysis a, String viewName) {
        Map<String, String> v = common(id, a, viewName);
        v.put("function", quote(byKeyName(id)));
        v.put("key_type", a.keyType());
        v.put("count", count(id, "1", "cardinality(p_keys)", "cardinality(v_rows) - v_written", "0"));
        return BY_KEY.render(v);
    }

    public static String full(int id, Analysis a, String viewName) {
        Map<String, String> v = common(id, a, viewName);
        v.put("function", quote(fullName(id)));
        v.put("count", count(id, "1", "v_fresh", "v_fresh - v_written", "1"));
        return FULL.render(v);
    }

    private static Map<String, String> common(int id, Analysis a, String viewName) {
        List<ColumnInfo> cols = a.columns();
        String table = quote(a.schema()) + "." + quote(a.table());
        String columns = cols.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        Map<String, String> v = new HashMap<>();
        v.put("id", Integer.toString(id));
        v.put("table", table);
        v.put("view", viewName);
        v.put("key", quote(a.keyColumn()));
        v.put("columns", columns);
        v.put("upsert", "        INSERT INTO " + table + " AS t (" + columns + ")");
        v.put("conflict", "        ON CONFLICT (" + quote(a.keyColumn()) + ") DO UPDATE SET "
                + cols.stream().filter(c -> !c.name().equals(a.keyColumn()))
                .map(c -> quote(c.name()) + " = excluded." + quote(c.name())).collect(Collectors.joining(", "))
                + "\n        WHERE (" + comparable(cols, "t") + ") IS DISTINCT FROM (" + comparable(cols, "excluded") + ")");
        return v;
    }

    /** Adds to this transaction's figures for the TVIEW (see runtime.sql). */
    private static String count(int id, String refreshes, String keys, String unchanged, String full) {
        String setting = "'tviews.tx_" + id + "'";
        return "    v_stats := coalesce(nullif(current_setting(" + setting + ", true), '')::bigint[], '{0,0,0,0,0,0}');\n"
                + "    PERFORM set_config(" + setting + ", ARRAY[v_stats[1] + " + refreshes + ", v_stats[2] + " + keys
                + ", v_stats[3] + v_written, v_stats[4] + " + unchanged + ", v_stats[5] + v_deleted, v_stats[6] + "
                + full + "]::text, true);";
    }

    /** The row's values for IS DISTINCT FROM; types without equality compare as text. */
    static String comparable(List<ColumnInfo> cols, String alias) {
        return cols.stream().map(c -> alias + "." + quote(c.name()) + (c.hasEquality() ? "" : "::text"))
                .collect(Collectors.joining(", "));
    }
}
