package dev.tviews.engine.generate;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.ColumnInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.tviews.sql.Identifiers.qualified;
import static dev.tviews.sql.Identifiers.quote;

/** Generates a TVIEW's two refresh functions: by key ({@code refresh_<id>}) and full ({@code refresh_all_<id>}). */
public final class RefreshFunctions {

    private static final SqlTemplate BY_KEY = SqlTemplate.load("generate/refresh_keys.sql");
    private static final SqlTemplate FULL = SqlTemplate.load("generate/refresh_all.sql");

    private RefreshFunctions() {
    }

    public static String byKeyName(int id) {
        return "refresh_" + id;
    }

    public static String fullName(int id) {
        return "refresh_all_" + id;
    }

    public static String batchName(int id) {
        return "batch_" + id;
    }

    /**
     * The refresh by key. With a partition column, the primary key is (key, partition column) and a
     * row may move between partitions: every row of a refreshed key that the definition no longer
     * returns with the same partition value is deleted before the upsert.
     */
    public static String byKey(int id, Analysis a, String viewName, Optional<String> partitionColumn) {
        List<String> extra = primaryKeyBeyondKey(a, partitionColumn);
        Map<String, String> v = common(id, a, viewName, extra);
        v.put("function", quote(byKeyName(id)));
        v.put("key_type", a.keyType());
        v.put("batch_function", quote(batchName(id)));
        // The rows of the keys, locked in key order; a key of several rows (a composite key) counts once,
        // so that the keys without a row are the ones missing from the result.
        String lockRows = "SELECT t." + v.get("key") + " FROM " + v.get("table") + " t WHERE t." + v.get("key")
                + " = ANY (p_keys) ORDER BY 1 FOR UPDATE";
        v.put("lock_rows", extra.isEmpty() ? lockRows : "SELECT DISTINCT l.k FROM (" + lockRows.replaceFirst(" FROM ",
                " AS k FROM ") + ") l");
        // With one row per key, a key is deleted only when the definition no longer returns it.
        v.put("may_delete", !extra.isEmpty() ? "true" : "cardinality(v_rows) < cardinality(p_keys)");
        v.put("delete", !extra.isEmpty()
                ? "        DELETE FROM " + v.get("table") + " t\n        WHERE t." + v.get("key") + " = ANY (p_keys) AND NOT EXISTS "
                        + "(SELECT 1 FROM unnest(v_rows) r WHERE " + sameRow("r", a.keyColumn(), extra) + ");"
                // The keys the definition no longer returns, by a set difference: linear for any number of keys.
                : "        DELETE FROM " + v.get("table") + " t\n        WHERE t." + v.get("key") + " = ANY (ARRAY(SELECT k FROM unnest(p_keys) AS k "
                        + "EXCEPT SELECT r." + v.get("key") + " FROM unnest(v_rows) r));");
        return BY_KEY.render(v);
    }

    public static String full(int id, Analysis a, String viewName, Optional<String> partitionColumn) {
        List<String> extra = primaryKeyBeyondKey(a, partitionColumn);
        Map<String, String> v = common(id, a, viewName, extra);
        v.put("function", quote(fullName(id)));
        v.put("fresh", quote("tviews_fresh_" + id));
        v.put("same_row", sameRow("d", a.keyColumn(), extra));
        return FULL.render(v);
    }

    /**
     * The tv table's primary key after the key column: the other columns of a composite key, then the
     * partition column. With any, a key (the first column's value) has several rows.
     */
    public static List<String> primaryKeyBeyondKey(Analysis a, Optional<String> partitionColumn) {
        List<String> extra = new java.util.ArrayList<>(a.keyColumns().subList(1, a.keyColumns().size()));
        partitionColumn.filter(p -> !p.equals(a.keyColumn()) && !extra.contains(p)).ifPresent(extra::add);
        return extra;
    }

    private static Map<String, String> common(int id, Analysis a, String viewName, List<String> extra) {
        List<ColumnInfo> cols = a.columns();
        String table = qualified(a.schema(), a.table());
        String columns = cols.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        Map<String, String> v = new HashMap<>();
        v.put("id", Integer.toString(id));
        v.put("table", table);
        v.put("view", viewName);
        v.put("key", quote(a.keyColumn()));
        v.put("columns", columns);
        v.put("upsert", "        INSERT INTO " + table + " AS t (" + columns + ")");
        String conflict = quote(a.keyColumn()) + extra.stream().map(p -> ", " + quote(p)).collect(Collectors.joining());
        // Changes on every compile: a backend whose cached plan predates it counts a plan cache miss.
        v.put("generation", Long.toString(System.currentTimeMillis(), 36) + Integer.toString(id, 36));
        v.put("conflict", "        ON CONFLICT (" + conflict + ") DO UPDATE SET "
                + cols.stream().filter(c -> !c.name().equals(a.keyColumn()) && !extra.contains(c.name()))
                .map(c -> quote(c.name()) + " = excluded." + quote(c.name())).collect(Collectors.joining(", "))
                + "\n        WHERE (" + comparable(cols, "t") + ") IS DISTINCT FROM (" + comparable(cols, "excluded") + ")");
        return v;
    }

    /** Row {@code alias} of the definition is row {@code t} of the table: same key and partition. */
    private static String sameRow(String alias, String key, List<String> extra) {
        return alias + "." + quote(key) + " = t." + quote(key)
                + extra.stream().map(p -> " AND " + alias + "." + quote(p) + " = t." + quote(p)).collect(Collectors.joining());
    }

    /** The row's values for IS DISTINCT FROM; types without equality compare as text. */
    static String comparable(List<ColumnInfo> cols, String alias) {
        return cols.stream().map(c -> alias + "." + quote(c.name()) + (c.hasEquality() ? "" : "::text"))
                .collect(Collectors.joining(", "));
    }
}
