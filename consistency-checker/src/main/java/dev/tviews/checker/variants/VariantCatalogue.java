package dev.tviews.checker.variants;

import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.support.SqlResources;
import dev.tviews.sql.Identifiers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tviews.checker.variants.EngineText.ROW_FRAGMENTS;
import static dev.tviews.checker.variants.EngineText.STATEMENT_FRAGMENTS;

/**
 * Broken engines the checker must catch, one per known class of IVM bug. Each is the correct
 * engine with a small change to what it generated, made after the TVIEWs were created; the
 * checker knows nothing of them and finds them with its generic random workload and oracle.
 * They are written against the catalogue's scenario ({@code variants}, which has every shape
 * they need) but apply to any scenario with the same shapes.
 */
public final class VariantCatalogue {

    public static final String SCENARIO_RESOURCE = "dev/tviews/checker/variants/variants.yaml";

    private static final String STATEMENT = "tviews-statement";
    private static final String ROW = "tviews-row";
    private static final String BATCHED = "tviews-statement-batched";

    private static final List<BrokenVariant> ALL = List.of(
            new BrokenVariant("broken-old-parent",
                    "the old parent of a foreign-key move is not refreshed: on UPDATE, keys reached through a link "
                            + "column are taken from the new rows only", STATEMENT, VariantCatalogue::oldParent, false,
                    insertsOnly(), "updates"),
            new BrokenVariant("broken-deleted-keys",
                    "deleted keys are left in place: a DELETE does not refresh the deleted rows' own keys",
                    STATEMENT, VariantCatalogue::deletedKeys, false, insertsOnly(), "deletes"),
            new BrokenVariant("broken-old-table",
                    "OLD TABLE is ignored on UPDATE: only the new images of updated rows are mapped to keys",
                    STATEMENT, VariantCatalogue::oldTable, false, insertsOnly(), "updates"),
            new BrokenVariant("broken-truncate",
                    "TRUNCATE is ignored: the TRUNCATE triggers are gone", STATEMENT, VariantCatalogue::truncate, false,
                    Weights.defaults().with(StepKind.TRUNCATE, 0), "TRUNCATE"),
            new BrokenVariant("broken-cascade",
                    "a TVIEW-on-TVIEW cascade is missing: changes of a TVIEW do not reach the TVIEWs that read it",
                    STATEMENT, VariantCatalogue::cascade, false, insertsOnly(), "updates and deletes"),
            new BrokenVariant("broken-no-locking",
                    "the concurrency protocol is switched off (tviews.locking = off for the database): concurrent "
                            + "writers refresh the same TVIEW rows from snapshots that miss each other",
                    STATEMENT, VariantCatalogue::noLocking, true, Weights.defaults(), "concurrency (one session)"),
            new BrokenVariant("broken-no-locking-row",
                    "the concurrency protocol is switched off, in row trigger mode: concurrent writers refresh the "
                            + "same TVIEW rows from snapshots that miss each other", ROW, VariantCatalogue::noLocking, true,
                    Weights.defaults(), "concurrency (one session)"),
            new BrokenVariant("broken-value-locks",
                    "value locks are never taken (tviews.lock_values does nothing): writers of linking rows and "
                            + "refreshes that traverse the link no longer conflict; the TVIEW rows' own locks stay",
                    STATEMENT, VariantCatalogue::valueLocks, true, Weights.defaults(), "concurrency (one session)"),
            new BrokenVariant("broken-null-links",
                    "NULL link values are dropped: row mode compares old and new read columns with <>, so a change "
                            + "to or from NULL counts as no change", ROW, VariantCatalogue::nullLinks, false,
                    insertsOnly(), "updates"),
            new BrokenVariant("broken-empty-group",
                    "a group that empties is left behind: refreshes of grouping TVIEWs never delete keys whose "
                            + "group no longer exists", STATEMENT, VariantCatalogue::emptyGroup, false, insertsOnly(),
                    "updates and deletes"),
            new BrokenVariant("broken-pruning",
                    "UPDATE column pruning is too aggressive: the last read column of each source is left out of "
                            + "the comparison that decides whether an update matters", STATEMENT,
                    VariantCatalogue::pruning, false, insertsOnly(), "updates"),
            new BrokenVariant("broken-self-join",
                    "the second occurrence of a self-joined table is ignored: changed rows are not followed into the "
                            + "rows of the same table that join them", STATEMENT, VariantCatalogue::selfJoin, false,
                    insertsOnly(), "updates and deletes"),
            new BrokenVariant("broken-savepoint",
                    "changes inside a rolled-back savepoint leak: a write-avoidance memo outside transaction control "
                            + "survives ROLLBACK TO SAVEPOINT and skips a later write", STATEMENT,
                    VariantCatalogue::savepoint, false, withoutSavepoints(), "savepoints"),
            new BrokenVariant("broken-two-hop",
                    "a two-hop mapping stops after one hop: keys two joins away from a changed row are not refreshed",
                    STATEMENT, VariantCatalogue::twoHop, false, insertsOnly(), "updates and deletes"),
            new BrokenVariant("broken-old-group",
                    "the old group of a computed key is not refreshed: on UPDATE, a key computed by a GROUP BY "
                            + "expression (score / 10) is evaluated on the new rows only, so the group a row leaves "
                            + "keeps it", STATEMENT, VariantCatalogue::oldGroup, false, insertsOnly(), "updates"),
            new BrokenVariant("broken-old-partition",
                    "a window refresh forgets the old partition: on UPDATE, the window partitions a changed row "
                            + "touches are read from its new image only, so the partition it leaves keeps its old "
                            + "ranks", STATEMENT, VariantCatalogue::oldPartition, false, insertsOnly(), "updates"),
            new BrokenVariant("broken-union-branch",
                    "a UNION ALL is mapped through its first branch only: changes of tables that only later branches "
                            + "read refresh nothing", STATEMENT, VariantCatalogue::unionBranch, false, insertsOnly(),
                    "updates and deletes"),
            new BrokenVariant("broken-forget-partitions",
                    "partitions are forgotten: the triggers are on a partitioned table only, not on its partitions, "
                            + "so a write naming a partition (which fires only the partition's statement triggers) "
                            + "refreshes nothing", STATEMENT, VariantCatalogue::forgetPartitions, false,
                    Weights.defaults().withPartitions(0), "writes naming a partition"),
            new BrokenVariant("broken-batch-queue",
                    "transaction batching loses queued keys: each statement's keys replace the TVIEW's queue instead "
                            + "of joining it, so the refresh at commit sees only the last statement's keys", BATCHED,
                    VariantCatalogue::batchQueue, false, oneStatementTransactions(), "transactions of several statements"));

    private VariantCatalogue() {
    }

    public static List<BrokenVariant> all() {
        return ALL;
    }

    public static Optional<BrokenVariant> byName(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    // ---- workloads that avoid a variant's bug ----------------------------------------------------

    /** Inserts only (and statements that must fail); nothing is updated, deleted or truncated. */
    static Weights insertsOnly() {
        Weights d = Weights.defaults();
        Map<StepKind, Double> w = new EnumMap<>(d.statements());
        w.keySet().retainAll(java.util.EnumSet.of(StepKind.INSERT, StepKind.INSERT_MANY, StepKind.COPY,
                StepKind.FAIL_FOREIGN_KEY, StepKind.FAIL_UNIQUE, StepKind.FAIL_NOT_NULL, StepKind.FAIL_LAST_ROW));
        return new Weights(w, d.autocommit(), d.rollback(), d.maxStatements(), d.savepoint(), d.guardRisky());
    }

    /** The default mix without savepoints (and so without the statements that must fail, which always get one). */
    static Weights withoutSavepoints() {
        Weights d = Weights.defaults();
        Map<StepKind, Double> w = new EnumMap<>(d.statements());
        w.keySet().removeIf(StepKind::mustFail);
        return new Weights(w, d.autocommit(), d.rollback(), d.maxStatements(), 0, 0);
    }

    /**
     * Inserts, one statement per transaction (autocommit), no savepoints: every TVIEW's queue gets at most
     * one statement's keys (deletes and updates could cascade through foreign-key actions, whose triggers
     * queue keys again within the same statement).
     */
    static Weights oneStatementTransactions() {
        Weights d = insertsOnly();
        Map<StepKind, Double> w = new EnumMap<>(d.statements());
        w.keySet().removeIf(StepKind::mustFail);
        return new Weights(w, 1.0, 0, 1, 0, 0);
    }

    // ---- breakages ---------------------------------------------------------------------------------

    private static final String CHANGED = "unnest(v_changed) j0";

    /** In UPDATE fragments, key and hop columns other than the source's own key read the new rows only. */
    private static List<String> oldParent(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_update"), f -> f.primaryKey().map(pk -> {
            Pattern p = Pattern.compile("(SELECT (?:DISTINCT )?j0\\.(?!" + Pattern.quote(Identifiers.quote(pk))
                    + ")\"[^\"]+\"[^(]*? FROM )" + Pattern.quote(CHANGED));
            return p.matcher(f.text()).replaceAll("$1tviews_new j0");
        }).orElse(f.text()));
    }

    /** In DELETE fragments, the deleted rows' own keys are never collected. */
    private static List<String> deletedKeys(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_delete"), f -> f.primaryKey().map(pk -> {
            Pattern p = Pattern.compile("(v_keys := v_keys \\|\\| ARRAY\\(SELECT j0\\." + Pattern.quote(Identifiers.quote(pk))
                    + "[^(]*? FROM tviews_old j0 WHERE )");
            return p.matcher(f.text()).replaceAll("$1false AND ");
        }).orElse(f.text()));
    }

    /** UPDATE fragments keep only the new images of the changed rows. */
    private static List<String> oldTable(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_update"), f -> f.text()
                .replace("array_agg(img) AS imgs", "array_agg(img) FILTER (WHERE NOT img_old) AS imgs")
                .replace("SELECT o FROM tviews_old o UNION ALL SELECT n FROM tviews_new n", "SELECT n FROM tviews_new n"));
    }

    private static List<String> truncate(java.sql.Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT rel::text FROM tviews.source_table ORDER BY id")) {
            while (rs.next()) {
                out.add("DROP TRIGGER IF EXISTS tviews_truncate ON " + rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> forgetPartitions(java.sql.Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT format('DROP TRIGGER %I ON %s', g.tgname, g.tgrelid::regclass) "
                     + "FROM tviews.source_table s CROSS JOIN unnest(tviews.partitions_of(s.rel)) AS p(rel) "
                     + "JOIN pg_trigger g ON g.tgrelid = p.rel "
                     + "WHERE g.tgparentid = 0 AND g.tgname LIKE 'tviews%' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The fragments of sources that are TVIEWs themselves are emptied. */
    private static List<String> cascade(java.sql.Connection c) throws java.sql.SQLException {
        List<String> tviews = EngineText.tviews(c).stream().map(EngineText.Tview::table).toList();
        List<String> all = new ArrayList<>(STATEMENT_FRAGMENTS);
        all.addAll(ROW_FRAGMENTS);
        return EngineText.rewriteFragments(c, all, f -> tviews.contains(f.source()) ? "" : f.text());
    }

    private static List<String> noLocking(java.sql.Connection c) {
        // A database setting reaches every new session, which is how concurrent writers connect.
        return List.of("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET tviews.locking = off', current_database()); END $$");
    }

    private static List<String> valueLocks(java.sql.Connection c) {
        // Same signature and result, no locks: the only change is that nothing waits on a value any more.
        return List.of("CREATE OR REPLACE FUNCTION tviews.lock_values(p_class text, p_values anyarray, p_exclusive boolean) "
                + "RETURNS void LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$");
    }

    private static List<String> nullLinks(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("row_update"), f -> f.text().replace(" IS DISTINCT FROM ", " <> "));
    }

    private static final Pattern GROUP_BY = Pattern.compile("(?is)\\bgroup\\s+by\\b");

    private static List<String> emptyGroup(java.sql.Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        for (EngineText.Tview tv : EngineText.tviews(c)) {
            if (GROUP_BY.matcher(tv.definition()).find()) {
                EngineText.rewriteFunction(c, "refresh_" + tv.id(), def -> def.replace(
                        "IF cardinality(v_rows) < cardinality(p_keys) THEN", "IF false THEN")).ifPresent(out::add);
            }
        }
        return out;
    }

    private static final Pattern OLD_READ = Pattern.compile("ROW\\((o\\.\"[^\"]+\"(?:, o\\.\"[^\"]+\")*), o\\.\"[^\"]+\"\\)::text AS img_read");
    private static final Pattern NEW_READ = Pattern.compile("ROW\\((n\\.\"[^\"]+\"(?:, n\\.\"[^\"]+\")*), n\\.\"[^\"]+\"\\)::text, false FROM tviews_new");

    /** The comparison of read columns on UPDATE loses its last column. */
    private static List<String> pruning(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_update"), f -> {
            String t = OLD_READ.matcher(f.text()).replaceAll(m -> Matcher.quoteReplacement("ROW(" + m.group(1) + ")::text AS img_read"));
            return NEW_READ.matcher(t).replaceAll(m -> Matcher.quoteReplacement("ROW(" + m.group(1) + ")::text, false FROM tviews_new"));
        });
    }

    /** Keys collected from the source's own table, one hop away (a self-join), are dropped. */
    private static List<String> selfJoin(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, STATEMENT_FRAGMENTS, f -> {
            Pattern p = Pattern.compile("(v_keys := v_keys \\|\\| ARRAY\\(SELECT j([1-9])\\.\"[^\"]+\"[^(]*? FROM "
                    + Pattern.quote(EngineText.quotedQualified(f)) + " j\\2 WHERE )");
            return p.matcher(f.text()).replaceAll("$1false AND ");
        });
    }

    /** A computed key, read from the changed rows of an UPDATE: {@code ARRAY(SELECT (expression)::type FROM unnest(v_changed) j0}. */
    private static final Pattern COMPUTED_KEY = Pattern.compile("(v_keys := v_keys \\|\\| ARRAY\\(SELECT \\(.+?\\)::[^()]+? FROM )"
            + Pattern.quote(CHANGED));

    /** In UPDATE fragments, computed keys are evaluated on the new images only. */
    private static List<String> oldGroup(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_update"), f -> COMPUTED_KEY.matcher(f.text())
                .replaceAll("$1tviews_new j0"));
    }

    /** The partition values (or the first hop towards them) read from the changed rows of an UPDATE. */
    private static final Pattern PARTITION_VALUES = Pattern.compile(
            "((?:v_parts\\d+ := v_parts\\d+ \\|\\| ARRAY\\(SELECT |w\\d+_v1 := ARRAY\\(SELECT DISTINCT )[^;]*? FROM )"
                    + Pattern.quote(CHANGED));

    /** In UPDATE fragments, window partitions are taken from the new images only. */
    private static List<String> oldPartition(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, List.of("stmt_update"), f -> PARTITION_VALUES.matcher(f.text())
                .replaceAll("$1tviews_new j0"));
    }

    private static final Pattern UNION_ALL = Pattern.compile("(?is)\\bunion\\s+all\\b");

    /** The fragments of a UNION ALL TVIEW for sources its first branch does not name are emptied. */
    private static List<String> unionBranch(java.sql.Connection c) throws java.sql.SQLException {
        Map<Integer, String> firstBranches = new java.util.HashMap<>();
        for (EngineText.Tview tv : EngineText.tviews(c)) {
            Matcher m = UNION_ALL.matcher(tv.definition());
            if (m.find()) {
                firstBranches.put(tv.id(), tv.definition().substring(0, m.start()).toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> all = new ArrayList<>(STATEMENT_FRAGMENTS);
        all.addAll(ROW_FRAGMENTS);
        return EngineText.rewriteFragments(c, all, f -> firstBranches.containsKey(f.tviewId())
                && !firstBranches.get(f.tviewId()).contains(f.source().replaceAll(".*\\.", "").replace("\"", ""))
                ? "" : f.text());
    }

    private static final String QUEUE_APPEND = "(coalesce(nullif(current_setting(v_setting, true), ''), '{}')::text[] || p_keys)::text";

    /** The batching queue is overwritten by each enqueue instead of appended to. */
    private static List<String> batchQueue(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFunction(c, "enqueue", def -> def.replace(QUEUE_APPEND, "p_keys::text"))
                .filter(def -> !def.contains(QUEUE_APPEND)).map(List::of).orElse(List.of());
    }

    private static final Pattern SECOND_HOP = Pattern.compile("= ANY \\((m\\d+)_v2\\)");

    /** Every path of two hops or more is cut after its first hop. */
    private static List<String> twoHop(java.sql.Connection c) throws java.sql.SQLException {
        return EngineText.rewriteFragments(c, STATEMENT_FRAGMENTS, f -> SECOND_HOP.matcher(f.text()).replaceAll("= ANY ($1_v2[1:0])"));
    }

    private static final Pattern UPSERT_ROWS = Pattern.compile("FROM unnest\\(v_rows\\)(\\s+ON CONFLICT)");

    /**
     * Refreshes skip writing a row whose content equals what this transaction last wrote for its key,
     * remembered in session-level advisory locks, which ROLLBACK TO SAVEPOINT does not release.
     * Without savepoints the memo always matches the table (deletes and full refreshes clear it).
     */
    private static List<String> savepoint(java.sql.Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>(List.of(SqlResources.load(VariantCatalogue.class, "savepoint-memo.sql")));
        int changed = 0;
        for (EngineText.Tview tv : EngineText.tviews(c)) {
            String key = Identifiers.quote(tv.keyColumn());
            Optional<String> byKey = EngineText.rewriteFunction(c, "refresh_" + tv.id(), def -> UPSERT_ROWS.matcher(def)
                    .replaceFirst(Matcher.quoteReplacement("FROM unnest(v_rows) AS tviews_r WHERE NOT tviews.variant_memo_seen("
                            + tv.id() + ", tviews_r." + key + "::text, tviews_r::text)") + "$1")
                    .replace("GET DIAGNOSTICS v_deleted = ROW_COUNT;", "GET DIAGNOSTICS v_deleted = ROW_COUNT;\n"
                            + "        PERFORM tviews.variant_memo_forget(" + tv.id() + ", p_keys::text[]);"));
            Optional<String> all = EngineText.rewriteFunction(c, "refresh_all_" + tv.id(), def -> def.replace(
                    "PERFORM tviews.lock_tview(" + tv.id() + ", true);",
                    "PERFORM tviews.lock_tview(" + tv.id() + ", true);\n    PERFORM tviews.variant_memo_forget_all();"));
            if (byKey.isPresent()) {
                out.add(byKey.get());
                changed++;
            }
            all.ifPresent(out::add);
        }
        return changed == 0 ? List.of() : out;
    }
}
