package dev.tviews.engine.generate;

import dev.tviews.engine.analysis.ColumnInfo;
import dev.tviews.engine.analysis.Hop;
import dev.tviews.engine.analysis.MappingKind;
import dev.tviews.engine.analysis.OccurrenceMapping;
import dev.tviews.engine.analysis.SourcePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tviews.engine.analysis.Sql.quote;

/**
 * The PL/pgSQL pieces that one TVIEW contributes to the trigger function of one source relation:
 * for each event and trigger mode, turn the changed rows into keys and refresh them.
 * {@code tviews.rebuild_source} assembles the pieces of every TVIEW reading the relation.
 */
public final class TriggerFragments {

    /** Transition tables as the statement triggers name them. */
    static final String NEW_ROWS = "tviews_new";
    static final String OLD_ROWS = "tviews_old";
    static final String ROW_NEW = "(SELECT NEW.*)";
    static final String ROW_OLD = "(SELECT OLD.*)";
    static final String ROW_BOTH = "(SELECT OLD.* UNION ALL SELECT NEW.*)";

    public record Fragments(String stmtInsert, String stmtUpdate, String stmtDelete,
                            String rowInsert, String rowUpdate, String rowDelete) {
    }

    private TriggerFragments() {
    }

    public static Fragments generate(int tviewId, String tvName, String keyType, SourcePlan source) {
        String header = "    -- " + tvName.replace("\n", " ") + " <- " + source.relation() + " ("
                + String.join(", ", source.kinds()) + ")\n";
        if (source.fullRefresh()) {
            String call = "    PERFORM tviews." + quote(RefreshFunctions.fullName(tviewId)) + "();\n";
            String stmtUpdate = "    IF EXISTS (" + prunedChanges(source) + ") THEN\n    " + call + "    END IF;\n";
            return new Fragments(header + call, header + stmtUpdate, header + call,
                    header + call, header + rowUpdateGuard(source, call), header + call);
        }
        String refresh = "    PERFORM tviews." + quote(RefreshFunctions.byKeyName(tviewId)) + "(ARRAY(\n";
        return new Fragments(
                header + refresh + keys(source, NEW_ROWS, keyType) + "));\n",
                header + refresh + "        WITH tviews_changed AS MATERIALIZED (" + prunedChanges(source) + ")\n"
                        + keys(source, "tviews_changed", keyType) + "));\n",
                header + refresh + keys(source, OLD_ROWS, keyType) + "));\n",
                header + refresh + keys(source, ROW_NEW, keyType) + "));\n",
                header + rowUpdateGuard(source, refresh + keys(source, ROW_BOTH, keyType) + "));\n"),
                header + refresh + keys(source, ROW_OLD, keyType) + "));\n");
    }

    /** The union of every occurrence's key query over the changed rows in {@code changed}. */
    static String keys(SourcePlan source, String changed, String keyType) {
        List<String> queries = new ArrayList<>();
        for (OccurrenceMapping m : source.mappings()) {
            if (m.kind() != MappingKind.ALL_KEYS) {
                queries.add("        " + keyQuery(m, changed, keyType));
            }
        }
        // UNION removes duplicate keys across occurrences; a single query needs DISTINCT, as old
        // and new images of an updated row usually map to the same keys.
        if (queries.size() == 1) {
            return queries.get(0).replaceFirst("SELECT ", "SELECT DISTINCT ");
        }
        return String.join("\n        UNION\n", queries);
    }

    /** Joins the changed rows along the mapping's path and reads the key. */
    static String keyQuery(OccurrenceMapping m, String changed, String keyType) {
        StringBuilder sql = new StringBuilder();
        int last = m.path().size();
        sql.append("SELECT j").append(last).append('.').append(quote(m.keySource().column())).append("::")
                .append(keyType).append(" FROM ").append(changed).append(" j0");
        int i = 0;
        for (Hop hop : m.path()) {
            i++;
            sql.append(" JOIN ").append(hop.to().occurrence().relation().qualified()).append(" j").append(i)
                    .append(" ON j").append(i).append('.').append(quote(hop.to().column()))
                    .append(" = j").append(i - 1).append('.').append(quote(hop.from().column()));
        }
        sql.append(" WHERE j").append(last).append('.').append(quote(m.keySource().column())).append(" IS NOT NULL");
        return sql.toString();
    }

    /**
     * The old and new images of UPDATEd rows whose read columns changed. Rows are paired by
     * primary key; without one, or when the whole row is read, every updated row counts.
     */
    static String prunedChanges(SourcePlan source) {
        String all = "SELECT * FROM " + OLD_ROWS + " UNION ALL SELECT * FROM " + NEW_ROWS;
        if (source.readColumns().isEmpty() || source.primaryKey().isEmpty()) {
            return all;
        }
        List<ColumnInfo> read = source.readColumns().get();
        String pairO = source.primaryKey().stream().map(c -> "x." + quote(c) + " = o." + quote(c))
                .collect(Collectors.joining(" AND "));
        String pairN = source.primaryKey().stream().map(c -> "x." + quote(c) + " = n." + quote(c))
                .collect(Collectors.joining(" AND "));
        return "SELECT o.* FROM " + OLD_ROWS + " o WHERE NOT EXISTS (SELECT 1 FROM " + NEW_ROWS + " x WHERE " + pairO
                + " AND " + rowOf(read, "x") + " IS NOT DISTINCT FROM " + rowOf(read, "o") + ")"
                + " UNION ALL SELECT n.* FROM " + NEW_ROWS + " n WHERE NOT EXISTS (SELECT 1 FROM " + OLD_ROWS
                + " x WHERE " + pairN + " AND " + rowOf(read, "x") + " IS NOT DISTINCT FROM " + rowOf(read, "n") + ")";
    }

    private static String rowUpdateGuard(SourcePlan source, String body) {
        if (source.readColumns().isEmpty()) {
            return body;
        }
        List<ColumnInfo> read = source.readColumns().get();
        return "    IF " + rowOf(read, "OLD") + " IS DISTINCT FROM " + rowOf(read, "NEW") + " THEN\n" + body
                + "    END IF;\n";
    }

    private static String rowOf(List<ColumnInfo> cols, String alias) {
        return "ROW(" + cols.stream().map(c -> alias + "." + quote(c.name()) + (c.hasEquality() ? "" : "::text"))
                .collect(Collectors.joining(", ")) + ")";
    }
}
