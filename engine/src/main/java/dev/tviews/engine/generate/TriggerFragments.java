package dev.tviews.engine.generate;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.ColumnInfo;
import dev.tviews.engine.analysis.ColumnRef;
import dev.tviews.engine.analysis.Hop;
import dev.tviews.engine.analysis.MappingKind;
import dev.tviews.engine.analysis.OccurrenceMapping;
import dev.tviews.engine.analysis.PartitionMapping;
import dev.tviews.engine.analysis.Relation;
import dev.tviews.engine.analysis.SourcePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.tviews.sql.Identifiers.literal;
import static dev.tviews.sql.Identifiers.quote;

/**
 * The PL/pgSQL block that one TVIEW contributes to the trigger function of one source relation:
 * for each event and trigger mode, take the concurrency protocol's locks, turn the changed rows
 * into keys, and refresh them. {@code tviews.rebuild_source} assembles the blocks of every TVIEW
 * that reads the relation.
 */
public final class TriggerFragments {

    /** Transition tables as the statement triggers name them. */
    static final String NEW_ROWS = "tviews_new";
    static final String OLD_ROWS = "tviews_old";
    static final String ROW_NEW = "(SELECT NEW.*)";
    static final String ROW_OLD = "(SELECT OLD.*)";
    static final String ROW_BOTH = "(SELECT OLD.* UNION ALL SELECT NEW.*)";

    private static final SqlTemplate BLOCK = SqlTemplate.lines("generate/block.sql");
    private static final SqlTemplate PRUNED_UPDATE = SqlTemplate.lines("generate/pruned_update.sql");
    private static final SqlTemplate ROW_QUEUE = SqlTemplate.lines("generate/row_queue.sql");
    private static final SqlTemplate ROW_UPDATE_GUARD = SqlTemplate.lines("generate/row_update_guard.sql");
    private static final SqlTemplate FULL_REFRESH_IF_CHANGED = SqlTemplate.lines("generate/full_refresh_if_changed.sql");

    public record Fragments(String stmtInsert, String stmtUpdate, String stmtDelete,
                            String rowInsert, String rowUpdate, String rowDelete) {
    }

    private TriggerFragments() {
    }

    public static Fragments generate(int tviewId, String tvName, Analysis analysis, SourcePlan source) {
        String header = "    -- " + tvName.replace("\n", " ") + " <- " + source.relation() + " ("
                + String.join(", ", source.kinds()) + ")\n";
        if (source.fullRefresh()) {
            String function = quote(RefreshFunctions.fullName(tviewId));
            String call = "    PERFORM tviews." + function + "();\n";
            String stmtUpdate = FULL_REFRESH_IF_CHANGED.render(Map.of("changed_rows", prunedChanges(source),
                    "function", function));
            return new Fragments(header + call, header + stmtUpdate, header + call,
                    header + call, header + rowUpdateGuard(source, call), header + call);
        }
        List<String> links = linkColumnsInto(analysis, source.relation());
        List<String> exits = exitColumnsOf(analysis, source.relation());
        Set<String> partitions = partitionColumnsOf(analysis, source.relation());
        String keyType = analysis.keyType();
        return new Fragments(
                header + block(tviewId, keyType, source, nullsToo(entering(links, NEW_ROWS), partitions), NEW_ROWS, false),
                header + prunedBlock(tviewId, keyType, source, links, exits, partitions),
                header + block(tviewId, keyType, source, List.of(), OLD_ROWS, false),
                header + block(tviewId, keyType, source, nullsToo(entering(links, ROW_NEW), partitions), ROW_NEW, true),
                header + rowUpdateGuard(source, block(tviewId, keyType, source, nullsToo(rowMovedIn(links, exits), partitions),
                        ROW_BOTH, true)),
                header + block(tviewId, keyType, source, List.of(), ROW_OLD, true));
    }

    /**
     * The UPDATE block of statement mode: the rows whose read columns changed are computed once
     * into an array; when there are none (an update of columns no TVIEW reads), nothing else runs.
     */
    private static String prunedBlock(int tviewId, String keyType, SourcePlan source, List<String> links,
                                      List<String> exits, Set<String> partitions) {
        String rowType = source.relation().qualified();
        String wholeRows = prunedChanges(source);
        String inner = block(tviewId, keyType, source, nullsToo(movedIn(links, exits, source), partitions),
                "unnest(v_changed)", false)
                .replace("\n    ", "\n        ").replaceFirst("^    ", "        ");
        return PRUNED_UPDATE.render(Map.of("row_type", rowType, "changed_rows", wholeRows, "block", inner));
    }

    /**
     * A writer locks the link values its rows enter: a concurrent traversal cannot see an
     * uncommitted row under its new value, so it must wait for it. A row that keeps a value and the
     * columns its keys are read from (its exit columns) needs no lock: its old version stays
     * visible to the traversal, which reaches the same keys from it, and the key lock orders the two
     * refreshes. A row that keeps the value but changes an exit column (its own key, or the column
     * its next hop follows) enters the value under new keys, which the old version does not lead to:
     * it locks the value too. Each entry is (lock class, values SQL).
     */
    private static List<String[]> entering(List<String> links, String rows) {
        return links.stream().map(l -> new String[] {l, "ARRAY(SELECT j0." + quote(l) + " FROM " + rows + " j0)"})
                .toList();
    }

    /**
     * Updated rows whose link value or an exit column changed, paired by primary key (all new values
     * without one).
     */
    private static List<String[]> movedIn(List<String> links, List<String> exits, SourcePlan source) {
        if (source.primaryKey().isEmpty()) {
            return entering(links, NEW_ROWS);
        }
        // Grouped by key like prunedChanges (a command may update one row more than once), in one
        // aggregate: no join whose plan could be made for one row and reused for thousands.
        return links.stream().map(l -> {
            List<String> compared = withExits(l, exits);
            return new String[] {l, "ARRAY(WITH tviews_links AS (SELECT "
                + textRow(source.primaryKey(), "n") + " AS img_key, n." + quote(l) + " AS link_value, " + textRow(compared, "n")
                + " AS img_read, false AS img_old FROM " + NEW_ROWS + " n UNION ALL SELECT " + textRow(source.primaryKey(), "o")
                + ", NULL, " + textRow(compared, "o") + ", true FROM " + OLD_ROWS + " o) "
                + "SELECT unnest(g.link_values) FROM (SELECT array_agg(link_value) FILTER (WHERE NOT img_old) AS link_values "
                + "FROM tviews_links GROUP BY img_key " + CHANGED_GROUP + ") g)"};
        }).toList();
    }

    private static List<String[]> rowMovedIn(List<String> links, List<String> exits) {
        return links.stream().map(l -> {
            List<String> compared = withExits(l, exits);
            return new String[] {l, "ARRAY(SELECT NEW." + quote(l) + " WHERE "
                + rowOfNames(compared, "NEW") + " IS DISTINCT FROM " + rowOfNames(compared, "OLD") + ")"};
        }).toList();
    }

    /**
     * Window partition columns among the link columns: NULL is a partition like any value, so its
     * writers and the traversals of it lock it too, as text ({@code 'NULL'} for NULL).
     */
    private static List<String[]> nullsToo(List<String[]> locks, Set<String> partitions) {
        return locks.stream().map(l -> partitions.contains(l[0]) ? new String[] {l[0], nullsAsText(l[1])} : l).toList();
    }

    static String nullsAsText(String values) {
        return "ARRAY(SELECT coalesce(x::text, 'NULL') FROM unnest(" + values + ") AS x)";
    }

    /** Columns of {@code relation} that partition a window of this TVIEW. */
    static Set<String> partitionColumnsOf(Analysis analysis, Relation relation) {
        Set<String> out = new java.util.HashSet<>();
        for (SourcePlan s : analysis.sources()) {
            for (PartitionMapping p : s.partitions()) {
                if (p.partition().occurrence().relation().oid() == relation.oid()) {
                    out.add(p.partition().column());
                }
            }
        }
        return out;
    }

    /** The link column followed by the exit columns (without repeating it). */
    private static List<String> withExits(String link, List<String> exits) {
        List<String> out = new ArrayList<>(List.of(link));
        exits.stream().filter(e -> !e.equals(link)).forEach(out::add);
        return out;
    }

    private static String rowOfNames(List<String> columns, String alias) {
        return "ROW(" + columns.stream().map(c -> alias + "." + quote(c)).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Columns of {@code relation} that lead from its rows to keys: the key column read on it, and the
     * columns that hops leaving it follow. A row whose exit columns change reaches other keys.
     */
    static List<String> exitColumnsOf(Analysis analysis, Relation relation) {
        TreeSet<String> columns = new TreeSet<>();
        for (SourcePlan s : analysis.sources()) {
            for (OccurrenceMapping m : allMappings(s)) {
                if (m.keySource() != null && m.keySource().occurrence().relation().oid() == relation.oid()) {
                    columns.addAll(m.keyColumns());
                }
                for (Hop hop : m.path()) {
                    if (hop.from().occurrence().relation().oid() == relation.oid()) {
                        columns.add(hop.from().column());
                    }
                }
            }
        }
        return new ArrayList<>(columns);
    }

    /**
     * One block: writer locks on the link values the changed rows enter, then each occurrence's keys
     * (locking every value a hop follows before reading the rows behind it), then one refresh. A row
     * trigger ({@code queue}) does not refresh: it appends the keys to the statement's queue, which the
     * statement trigger refreshes once, sorted (rebuild_source), so an 800-row statement refreshes a
     * key once and takes its key locks in one order.
     */
    static String block(int tviewId, String keyType, SourcePlan source, List<String[]> writerLocks, String changed,
                        boolean queue) {
        StringBuilder declare = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String[] lock : writerLocks) {
            body.append("        PERFORM tviews.lock_values(").append(lockClass(source.relation(), lock[0]))
                    .append(", ").append(lock[1]).append(", true);\n");
        }
        int m = 0;
        for (OccurrenceMapping mapping : source.mappings()) {
            if (mapping.kind() != MappingKind.ALL_KEYS) {
                mappingStatements(mapping, "m" + m++, "v_keys", keyType, changed, false, declare, body);
            }
        }
        // Window partitions: the partition values the changed rows touch (old and new), then every
        // current row of those partitions, locked like any link value before it is read, to its key.
        int w = 0;
        for (PartitionMapping p : source.partitions()) {
            if (p.toPartition().kind() == MappingKind.ALL_KEYS || p.expansion().kind() == MappingKind.ALL_KEYS) {
                continue;
            }
            String parts = "v_parts" + w;
            String column = p.partition().column();
            declare.append("        ").append(parts).append(' ').append(typeOf(p.partition())).append("[] := '{}';\n");
            mappingStatements(p.toPartition(), "w" + w, parts, typeOf(p.partition()), changed, true, declare, body);
            Relation rel = p.partition().occurrence().relation();
            body.append("        ").append(parts).append(" := ARRAY(SELECT DISTINCT x FROM unnest(").append(parts)
                    .append(") AS x);\n");
            body.append("        PERFORM tviews.lock_values(").append(lockClass(rel, column)).append(", ")
                    .append(nullsAsText(parts)).append(", true);\n");
            mappingStatements(p.expansion(), "x" + w, "v_keys", keyType, "(SELECT e.* FROM " + rel.qualified() + " e WHERE e."
                    + quote(column) + " = ANY (" + parts + ") OR e." + quote(column) + " IS NULL AND array_position("
                    + parts + ", NULL) IS NOT NULL)", false, declare, body);
            w++;
        }
        if (queue) {
            body.append(ROW_QUEUE.render(Map.of("setting", "'" + rowQueueSetting(tviewId) + "'")));
        } else {
            body.append("        PERFORM tviews.").append(quote(RefreshFunctions.byKeyName(tviewId)))
                    .append("(ARRAY(SELECT DISTINCT x FROM unnest(v_keys) AS x WHERE x IS NOT NULL));\n");
        }
        return BLOCK.render(Map.of("key_type", keyType, "declarations", declare.toString(), "statements", body.toString()));
    }

    /**
     * Follows a mapping's path one hop per statement: the values of the link column are locked
     * before the rows behind them are read, so that a writer still holding them is waited for.
     */
    private static void mappingStatements(OccurrenceMapping mapping, String prefix, String target, String keyType,
                                          String changed, boolean keepNulls, StringBuilder declare, StringBuilder body) {
        String source = changed + " j0";
        String filter = "";
        int i = 0;
        for (Hop hop : mapping.path()) {
            String values = prefix + "_v" + (i + 1);
            declare.append("        ").append(values).append(' ').append(typeOf(hop.from())).append("[];\n");
            body.append("        ").append(values).append(" := ARRAY(SELECT DISTINCT j").append(i).append('.')
                    .append(quote(hop.from().column())).append(" FROM ").append(source).append(" WHERE ")
                    .append(filter).append('j').append(i).append('.').append(quote(hop.from().column()))
                    .append(" IS NOT NULL);\n");
            body.append("        PERFORM tviews.lock_values(").append(lockClass(hop.to().occurrence().relation(),
                    hop.to().column())).append(", ").append(values).append(", true);\n");
            i++;
            source = hop.to().occurrence().relation().qualified() + " j" + i;
            filter = "j" + i + "." + quote(hop.to().column()) + " = ANY (" + values + ") AND ";
        }
        String key = mapping.keySql("j" + i);
        body.append("        ").append(target).append(" := ").append(target).append(" || ARRAY(SELECT ").append(key)
                .append("::").append(keyType).append(" FROM ").append(source).append(" WHERE ").append(filter)
                .append(keepNulls ? "true" : key + " IS NOT NULL").append(");\n");
    }

    /**
     * The transaction-local setting in which row triggers queue a TVIEW's keys for the statement
     * trigger: array elements as text, comma-separated (appending never re-parses the queue).
     */
    public static String rowQueueSetting(int tviewId) {
        return "tviews.rk_" + tviewId;
    }

    /** Columns through which some hop of this TVIEW enters {@code relation}: its writers lock their values. */
    public static List<String> linkColumnsInto(Analysis analysis, Relation relation) {
        TreeSet<String> columns = new TreeSet<>();
        for (SourcePlan s : analysis.sources()) {
            // A window's partition column is entered like a link: its expansion reads the partition's rows.
            for (PartitionMapping p : s.partitions()) {
                if (p.partition().occurrence().relation().oid() == relation.oid()) {
                    columns.add(p.partition().column());
                }
            }
            for (OccurrenceMapping m : allMappings(s)) {
                for (Hop hop : m.path()) {
                    if (hop.to().occurrence().relation().oid() == relation.oid()) {
                        columns.add(hop.to().column());
                    }
                }
            }
        }
        return new ArrayList<>(columns);
    }

    /** The key mappings of a source and the mappings of its changed rows to window partitions. */
    private static List<OccurrenceMapping> allMappings(SourcePlan s) {
        List<OccurrenceMapping> all = new ArrayList<>(s.mappings());
        s.partitions().forEach(p -> all.add(p.toPartition()));
        return all;
    }

    /** The lock class of a link column: writers and traversers of it must name it alike. */
    static String lockClass(Relation relation, String column) {
        return literal("v|" + relation.schema() + "." + relation.name() + "|" + column);
    }

    private static String typeOf(ColumnRef ref) {
        return ref.occurrence().columns().stream().filter(c -> c.name().equals(ref.column())).findFirst()
                .map(ColumnInfo::type).orElse("text");
    }

    /**
     * The old and new images (whole rows) of the UPDATEd rows whose read columns changed. Images
     * are grouped by primary key, because one command may update a row twice (a writable CTE and
     * an FK action): a key is unchanged only when it has old and new images and all of them agree
     * on the read columns. Without a primary key, or when the whole row is read, every image counts.
     * One aggregate, no join: PL/pgSQL keeps the plan it made for the first statement that ran it,
     * often one row, and a join planned for one row went quadratic on thousands.
     */
    static String prunedChanges(SourcePlan source) {
        String o = image(source, "o");
        String n = image(source, "n");
        String all = "SELECT " + o + " FROM " + OLD_ROWS + " o UNION ALL SELECT " + n + " FROM " + NEW_ROWS + " n";
        if (source.readColumns().isEmpty() || source.primaryKey().isEmpty()) {
            return all;
        }
        List<ColumnInfo> read = source.readColumns().get();
        return "WITH tviews_images AS (SELECT " + o + " AS img, " + textRow(source.primaryKey(), "o") + " AS img_key, "
                + textRow(read.stream().map(ColumnInfo::name).toList(), "o") + " AS img_read, true AS img_old FROM " + OLD_ROWS
                + " o UNION ALL SELECT " + n + ", " + textRow(source.primaryKey(), "n") + ", "
                + textRow(read.stream().map(ColumnInfo::name).toList(), "n") + ", false FROM " + NEW_ROWS + " n) "
                + "SELECT unnest(g.imgs) FROM (SELECT array_agg(img) AS imgs FROM tviews_images GROUP BY img_key "
                + CHANGED_GROUP + ") g";
    }

    /**
     * A transition row as a row of the source's type, which the UPDATE block collects. The trigger of
     * a partition sees rows of the partition's own type, whose columns may stand in another order
     * (an attached table): they are converted by column name, never by position.
     */
    private static String image(SourcePlan source, String alias) {
        return source.relation().kind().equals("p")
                ? "jsonb_populate_record(NULL::" + source.relation().qualified() + ", to_jsonb(" + alias + "))" : alias;
    }

    /** A group of images of one key changed when its values differ or one side is missing (the key itself moved). */
    private static final String CHANGED_GROUP =
            "HAVING count(DISTINCT img_read) > 1 OR bool_and(img_old) OR NOT bool_or(img_old)";

    /** A row value as text: equal texts mean equal values, for every type, NULLs included. */
    private static String textRow(List<String> columns, String alias) {
        return "ROW(" + columns.stream().map(c -> alias + "." + quote(c)).collect(Collectors.joining(", ")) + ")::text";
    }

    private static String rowUpdateGuard(SourcePlan source, String body) {
        if (source.readColumns().isEmpty()) {
            return body;
        }
        List<ColumnInfo> read = source.readColumns().get();
        return ROW_UPDATE_GUARD.render(Map.of("old_row", rowOf(read, "OLD"), "new_row", rowOf(read, "NEW"), "body", body));
    }

    private static String rowOf(List<ColumnInfo> cols, String alias) {
        return "ROW(" + cols.stream().map(c -> alias + "." + quote(c.name()) + (c.hasEquality() ? "" : "::text"))
                .collect(Collectors.joining(", ")) + ")";
    }
}
