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

    private static final SqlTemplate TEMPLATE = SqlTemplate.load("refresh.sql");

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
        v.put("scope", "for the given keys");
        v.put("parameters", "p_keys " + a.keyType() + "[]");
        // A generic plan: re-planning "key = ANY($1)" on every call was half the refresh cost.
        v.put("settings", " SET plan_cache_mode = force_generic_plan");
        v.put("early_exit", "    IF p_keys IS NULL OR cardinality(p_keys) = 0 THEN\n        RETURN;\n    END IF;");
        v.put("fresh_filter", " WHERE d." + quote(a.keyColumn()) + " = ANY (p_keys)");
        v.put("removed_filter", "t." + quote(a.keyColumn()) + " = ANY (p_keys) AND ");
        v.put("exists_filter", " AND d." + quote(a.keyColumn()) + " = ANY (p_keys)");
        v.put("keys_count", "cardinality(p_keys)");
        v.put("full", "0");
        return TEMPLATE.render(v);
    }

    public static String full(int id, Analysis a, String viewName) {
        Map<String, String> v = common(id, a, viewName);
        v.put("function", quote(fullName(id)));
        v.put("scope", "for every key");
        v.put("parameters", "");
        v.put("settings", "");
        v.put("early_exit", "");
        v.put("fresh_filter", "");
        v.put("removed_filter", "");
        v.put("exists_filter", "");
        v.put("keys_count", "v_fresh");
        v.put("full", "1");
        return TEMPLATE.render(v);
    }

    private static Map<String, String> common(int id, Analysis a, String viewName) {
        List<ColumnInfo> cols = a.columns();
        Map<String, String> v = new HashMap<>();
        v.put("id", Integer.toString(id));
        v.put("table", quote(a.schema()) + "." + quote(a.table()));
        v.put("view", viewName);
        v.put("key", quote(a.keyColumn()));
        v.put("columns", cols.stream().map(c -> quote(c.name())).collect(Collectors.joining(", ")));
        v.put("set_list", cols.stream().filter(c -> !c.name().equals(a.keyColumn()))
                .map(c -> quote(c.name()) + " = excluded." + quote(c.name())).collect(Collectors.joining(", ")));
        v.put("old_values", comparable(cols, "t"));
        v.put("new_values", comparable(cols, "excluded"));
        return v;
    }

    /** The row's values for IS DISTINCT FROM; types without equality compare as text. */
    static String comparable(List<ColumnInfo> cols, String alias) {
        return cols.stream().map(c -> alias + "." + quote(c.name()) + (c.hasEquality() ? "" : "::text"))
                .collect(Collectors.joining(", "));
    }
}
