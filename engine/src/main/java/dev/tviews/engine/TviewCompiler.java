package dev.tviews.engine;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.Catalog;
import dev.tviews.engine.analysis.ColumnInfo;
import dev.tviews.engine.analysis.DefinitionParser;
import dev.tviews.engine.analysis.IdUniqueness;
import dev.tviews.engine.analysis.KeyMapper;
import dev.tviews.engine.analysis.MappingKind;
import dev.tviews.engine.analysis.OccurrenceMapping;
import dev.tviews.engine.analysis.PartitionMapping;
import dev.tviews.engine.analysis.ColumnRef;
import dev.tviews.engine.analysis.QueryGraph;
import dev.tviews.engine.analysis.FunctionCheck;
import dev.tviews.engine.analysis.Relation;
import dev.tviews.engine.analysis.RuleTree;
import dev.tviews.engine.analysis.Untraceable;
import dev.tviews.engine.analysis.ViewInliner;
import dev.tviews.engine.analysis.SourcePlan;
import dev.tviews.engine.generate.RefreshFunctions;
import dev.tviews.engine.generate.TriggerFragments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.tviews.engine.analysis.Sql.quote;

/**
 * Creates one TVIEW: analyses its definition against the live catalog, then creates the tv_*
 * table, the refresh functions and the trigger fragments, populates the table and rebuilds the
 * triggers of every source relation. Runs inside the caller's transaction.
 */
final class TviewCompiler {

    static final int MAX_DEPTH = 10;

    /** The catalog's record of the index on id ({@code analysis -> 'id'}), NULL without one; four parameters. */
    private static final String ID_INDEX_JSON = "CASE WHEN ?::text IS NOT NULL THEN jsonb_build_object('name', ?::text, "
            + "'unique', ?::boolean, 'reason', ?::text) END";

    private final Connection c;
    private final Catalog catalog;
    private final IdIndexBuilder idIndex;
    /** Sources whose triggers wait for {@link #rebuildTriggers}, in order; names, not oids (relations get renamed). */
    private final Set<String> pendingTriggers = new java.util.LinkedHashSet<>();
    private boolean deferTriggers;

    TviewCompiler(Connection c) {
        this.c = c;
        this.catalog = new Catalog(c);
        this.idIndex = new IdIndexBuilder(c, catalog);
    }

    /** An analysis, and whether the sources prove the id column unique (empty without one). */
    private record Analysed(Analysis analysis, Optional<IdUniqueness> id) {
    }

    /** Recompiles each TVIEW named, readers after what they read, then rebuilds the triggers of all their sources. */
    void recompileAll(List<String> names) throws SQLException {
        deferTriggers = true;
        try {
            for (String name : names) {
                recompile(name);
            }
        } finally {
            deferTriggers = false;
        }
        rebuildTriggers();
    }

    TviewInfo create(TviewDefinition def) throws SQLException {
        execute("SELECT pg_advisory_xact_lock(hashtext('tviews.ddl'))");
        String[] target = targetName(def.name());
        String schema = target[0];
        String table = target[1];
        if (catalog.resolve(quote(schema) + "." + quote(table)).isPresent()) {
            throw new TviewsException(TviewsException.DUPLICATE_TABLE, "relation " + schema + "." + table
                    + " already exists; drop it first, or pick another name for the TVIEW");
        }
        DefinitionText.requireOneSelect(def);

        int id = nextId();
        String viewName = "tviews." + quote("def_" + id);
        // PostgreSQL reads the definition first: its errors, with their position, come before the engine's own.
        String ddl = "CREATE VIEW " + viewName + " AS ";
        try {
            execute(ddl + def.select());
        } catch (SQLException e) {
            // The tv_* table does not exist yet, so a definition that reads it fails as an unknown relation.
            if ("42P01".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("\"" + table + "\"")) {
                throw new TviewsException(TviewsException.INVALID_RECURSION, "TVIEW " + schema + "." + table
                        + " reads itself; a TVIEW cannot depend on its own rows", e);
            }
            throw DefinitionText.rejectedByPostgres(def, ddl.length(), e);
        }
        Relation view = catalog.resolve(viewName).orElseThrow();
        RuleTree tree = RuleTree.of(c, view.oid());
        FunctionCheck.check(c, tree, def.name(), !def.options().extraSources().isEmpty());
        ViewChecks.check(c, catalog, def, view);
        if (tree.targetSrfs()) {
            throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, "the definition of " + def.name()
                    + " calls a set-returning function in a select list, which turns one row into several with one "
                    + "key; aggregate its rows in a subquery instead, e.g. (SELECT jsonb_agg(e) FROM "
                    + "jsonb_array_elements(…) AS e), or make a TVIEW keyed by the element");
        }
        List<ColumnInfo> columns = catalog.columns(view.oid());
        List<String> keyColumns = keyColumns(def.options(), table, columns);
        for (String keyColumn : keyColumns) {
            if (columns.stream().noneMatch(col -> col.name().equals(keyColumn))) {
                throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, "the definition of "
                        + def.name() + " has no key column " + keyColumn + " (its columns: "
                        + columns.stream().map(ColumnInfo::name).toList() + "); add it to the SELECT list, or name "
                        + "the key column in the options");
            }
        }
        if (keyColumns.stream().distinct().count() < keyColumns.size()) {
            throw new TviewsException(TviewsException.INVALID_PARAMETER_VALUE, "the key of " + def.name() + " names a "
                    + "column twice: " + keyColumns + "; name each column once");
        }
        ColumnInfo key = columns.stream().filter(col -> col.name().equals(keyColumns.get(0))).findFirst().orElseThrow();

        // A refusal about a view's body names the view.
        Analysed analysed = ViewInliner.naming(ViewInliner.viewsRead(catalog, view.oid()), () -> analyse(def,
                tree.topWindowFunctions(), false, schema, table, key, keyColumns, columns, view));
        Analysis analysis = analysed.analysis();
        Optional<TviewInfo.IdIndex> idIndexMade = createTable(analysed, def.options());
        recordTview(id, analysis, view, def, idIndexMade);
        return generate(id, analysed, viewName, def, List.of());
    }

    /**
     * Recompiles a TVIEW from its backing view, whose definition PostgreSQL keeps current through
     * renames: regenerates its functions, catalog rows and triggers, keeping the tv_* table with
     * its rows and every index a user added, then refreshes it fully (rewriting only rows that
     * changed). Used after a schema change and by runtime upgrades.
     */
    private TviewInfo recompile(String name) throws SQLException {
        execute("SELECT pg_advisory_xact_lock(hashtext('tviews.ddl'))");
        int id;
        long viewOid;
        String schema;
        String table;
        String select;
        TviewOptions options;
        boolean legacy;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.backing_view::oid, n.nspname, k.relname, tviews.definition_of(r.backing_view),
                       r.options ->> 'key', coalesce((r.options ->> 'fullRefreshOnUntraceable')::boolean, false),
                       coalesce((r.options ->> 'ginIndexOnData')::boolean, false),
                       coalesce((r.options ->> 'batch')::boolean, false), r.options -> 'partitioning' ->> 'method',
                       r.options -> 'partitioning' ->> 'column', (r.options -> 'partitioning' ->> 'partitions')::int,
                       (r.options ->> 'uniqueId')::boolean,
                       ARRAY(SELECT jsonb_array_elements_text(coalesce(r.options -> 'extraSources', '[]')))
                FROM tviews.resolve(?) r JOIN pg_catalog.pg_class k ON k.oid = r.tv_table
                JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getInt(1);
                viewOid = rs.getLong(2);
                schema = rs.getString(3);
                table = rs.getString(4);
                select = rs.getString(5).strip().replaceAll(";$", "");
                String method = rs.getString(10);
                Optional<Partitioning> partitioning = method == null ? Optional.empty() : Optional.of(
                        new Partitioning(Partitioning.Method.valueOf(method), rs.getString(11), rs.getInt(12)));
                options = new TviewOptions(Optional.ofNullable(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8),
                        rs.getBoolean(9), partitioning, rs.getBoolean(13),
                        List.of((String[]) rs.getArray(14).getArray()));
                legacy = rs.getObject(13) == null;
            }
        }
        Relation view = catalog.byOid(viewOid);
        List<ColumnInfo> columns = catalog.columns(view.oid());
        TviewDefinition def = new TviewDefinition(quote(schema) + "." + quote(table), select, options);
        Relation tv = catalog.byOid(catalog.resolve(def.name()).orElseThrow().oid());
        if (!shape(catalog.columns(tv.oid())).equals(shape(columns))) {
            throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, "the columns of " + def.name() + " "
                    + shape(catalog.columns(tv.oid())) + " no longer match its definition's " + shape(columns) + "; drop the TVIEW "
                    + "and create it again");
        }
        List<String> keyColumns = keyColumns(options, table, columns);
        ColumnInfo key = columns.stream().filter(col -> col.name().equals(keyColumns.get(0))).findFirst().orElseThrow();
        // A shape an older engine accepted but cannot trace is kept exact by full refreshes.
        Analysed analysed = analyse(def, RuleTree.of(c, view.oid()).topWindowFunctions(), true, schema, table, key,
                keyColumns, columns, view);
        Analysis analysis = analysed.analysis();
        // A TVIEW compiled before uniqueId existed keeps the unique index it had on id, proven or not.
        if (legacy && analysed.id().filter(proof -> !proof.proven()).isPresent()
                && idIndex.hasUnmarkedUniqueIndex(tv.oid())) {
            options = options.withUniqueId();
            def = new TviewDefinition(def.name(), select, options);
        }
        Optional<TviewInfo.IdIndex> idIndexMade = applyIdIndex(analysed, options, tv.oid());
        List<String> before = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, k.relname) FROM tviews.source s "
                     + "JOIN pg_catalog.pg_class k ON k.oid = s.source_table "
                     + "JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace WHERE s.tview_id = " + id)) {
            while (rs.next()) {
                before.add(rs.getString(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tviews.tview SET depth = ?, refresh_policy = ?,
                       analysis = jsonb_build_object('mappings', ?::text[], 'unorderedAggregates', ?, 'id', """
                + ID_INDEX_JSON + """
                       ), options = options || jsonb_build_object('uniqueId', ?)
                WHERE id = ?""")) {
            ps.setInt(1, analysis.depth());
            ps.setString(2, analysis.sources().stream().anyMatch(SourcePlan::fullRefresh) ? "full" : "incremental");
            ps.setArray(3, c.createArrayOf("text", mappingNotes(analysis).toArray()));
            ps.setBoolean(4, analysis.unorderedAggregates());
            setIdIndex(ps, 5, idIndexMade);
            ps.setBoolean(9, options.uniqueId());
            ps.setInt(10, id);
            ps.execute();
        }
        execute("DELETE FROM tviews.source WHERE tview_id = " + id);
        execute("DELETE FROM tviews.compiled_source WHERE tview_id = " + id);
        return generate(id, analysed, view.qualified(), def, before);
    }

    /**
     * The refresh functions, the source rows with their trigger fragments and signatures, the
     * initial (or repairing) population, and the triggers of every source; {@code formerSources}
     * are rebuilt too, so that a relation no longer read loses its triggers.
     */
    private TviewInfo generate(int id, Analysed analysed, String viewName, TviewDefinition def,
                               List<String> formerSources) throws SQLException {
        Analysis analysis = analysed.analysis();
        String schema = analysis.schema();
        String table = analysis.table();
        String keyColumn = analysis.keyColumn();
        Optional<String> partitionColumn = def.options().partitioning().map(Partitioning::column);
        execute("SELECT tviews.set_batch_default(" + id + ", " + def.options().batch() + ")");
        execute(RefreshFunctions.byKey(id, analysis, viewName, partitionColumn));
        execute(RefreshFunctions.full(id, analysis, viewName, partitionColumn));
        String tvName = quote(schema) + "." + quote(table);
        for (SourcePlan source : analysis.sources()) {
            recordSource(id, tvName, analysis, source);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tviews.record_compiled(?, ?::regclass, ?::name[], ?::name[])")) {
                ps.setInt(1, id);
                ps.setString(2, source.relation().qualified());
                ps.setArray(3, c.createArrayOf("text",
                        TriggerFragments.linkColumnsInto(analysis, source.relation()).toArray()));
                // Columns whose values are keys: the health check samples keys from them.
                ps.setArray(4, c.createArrayOf("text", source.mappings().stream()
                        .filter(m -> m.kind() == MappingKind.LOCAL && m.path().isEmpty() && m.keyExpression() == null)
                        .map(m -> m.keySource().column()).distinct().toArray()));
                ps.execute();
            }
        }
        // The views read, with their definitions: the DDL guard refuses redefining them under the TVIEW.
        try (PreparedStatement ps = c.prepareStatement("SELECT tviews.record_views(?, ?::regclass)")) {
            ps.setInt(1, id);
            ps.setString(2, viewName);
            ps.execute();
        }
        try {
            execute("SELECT tviews." + quote(RefreshFunctions.fullName(id)) + "()");
        } catch (SQLException e) {
            throw new TviewsException(e.getSQLState(), "populating " + def.name() + " failed: " + e.getMessage()
                    + ("21000".equals(e.getSQLState()) ? "; the key column " + keyColumn + " must be unique "
                    + "in the definition's rows" : "")
                    + ("23502".equals(e.getSQLState()) && partitionColumn.isPresent() ? "; the partition column "
                    + partitionColumn.get() + " joins the primary key and must never be NULL" : ""), e);
        }
        if (def.options().uniqueId() && analysed.id().filter(proof -> !proof.proven()).isPresent()) {
            idIndex.checkNoRepeatedId(schema, table, keyColumn);
        }
        analysis.sources().forEach(src -> pendingTriggers.add(src.relation().qualified()));
        pendingTriggers.addAll(formerSources);
        if (!deferTriggers) {
            rebuildTriggers();
        }
        return new Tviews(c).info(tvName);
    }

    /**
     * Rebuilds the triggers of every source touched since the last call. A source's trigger
     * function holds the fragments of every TVIEW reading it, so after a rename all of them must
     * be regenerated before it is rebuilt: recompiles defer it to here.
     */
    void rebuildTriggers() throws SQLException {
        for (String source : pendingTriggers) {
            // By name, not oid: the SQL export replays these statements on another database.
            try (PreparedStatement ps = c.prepareStatement("SELECT tviews.rebuild_source(?::regclass)")) {
                ps.setString(1, source);
                ps.execute();
            }
        }
        pendingTriggers.clear();
    }

    private Analysed analyse(TviewDefinition def, boolean topWindowFunctions, boolean recompiling, String schema,
                             String table, ColumnInfo key, List<String> keyColumns, List<ColumnInfo> columns,
                             Relation view) throws SQLException {
        boolean fullPolicy = def.options().fullRefreshOnUntraceable();
        // Views read are analysed through their bodies; their base tables get the triggers.
        Map<Long, Set<Integer>> deps = new java.util.LinkedHashMap<>(
                ViewInliner.throughViews(catalog, catalog.viewDependencies(view.oid())));
        Set<Long> extra = new HashSet<>();
        for (String name : def.options().extraSources()) {
            Relation rel = catalog.resolve(name).orElseThrow(() -> new TviewsException(TviewsException.UNDEFINED_OBJECT,
                    "the extra source " + name + " of " + def.name() + " does not exist; name a table its functions read"));
            extra.add(rel.oid());
            deps.put(rel.oid(), Set.of(0));
        }
        Set<Long> tviewTables = new HashSet<>();
        int depth = 1;
        for (long oid : deps.keySet()) {
            Optional<int[]> tv = catalog.tviewOfTable(oid);
            if (tv.isPresent()) {
                tviewTables.add(oid);
                depth = Math.max(depth, tv.get()[1] + 1);
            }
        }
        if (depth > MAX_DEPTH) {
            throw new TviewsException(TviewsException.PROGRAM_LIMIT_EXCEEDED, def.name() + " would cascade "
                    + depth + " TVIEWs deep, more than the limit of " + MAX_DEPTH + "; read the base tables instead of "
                    + "the deepest TVIEW");
        }
        QueryGraph graph;
        try {
            String select = ViewInliner.viewsRead(catalog, view.oid()).isEmpty() ? def.select()
                    : ViewInliner.inline(c, catalog, def.name(), def.select()).select();
            graph = DefinitionParser.analyse(DefinitionParser.parseSelect(select), keyColumns, catalog);
            // PostgreSQL's tree is the authority on whether the top level computes windows; the
            // analysis must have traced every one of them to a partition.
            if (topWindowFunctions && !graph.topWindows()) {
                throw new Untraceable("the definition computes window functions at its top level, whose values for "
                        + "one key depend on other keys' rows", "partition each window by a source column, compute "
                        + "them when reading the TVIEW (a plain view: SELECT t.*, rank() OVER (PARTITION BY … ORDER BY "
                        + "…) FROM tv_x t), or in a correlated subquery over the rows linked to the key");
            }
        } catch (Untraceable e) {
            if (!fullPolicy && !recompiling) {
                throw e;
            }
            graph = null;
        }
        List<OccurrenceMapping> mappings = graph == null ? List.of() : KeyMapper.map(graph, tviewTables);
        List<PartitionMapping> partitions = new ArrayList<>();
        if (graph != null) {
            for (ColumnRef partition : graph.windowPartitions()) {
                OccurrenceMapping expansion = mappings.stream()
                        .filter(m -> m.occurrence() == partition.occurrence()).findFirst().orElseThrow();
                for (OccurrenceMapping to : KeyMapper.map(graph.keyedOn(partition), tviewTables)) {
                    partitions.add(new PartitionMapping(partition, to, expansion));
                }
            }
        }

        List<SourcePlan> sources = new ArrayList<>();
        for (Map.Entry<Long, Set<Integer>> dep : deps.entrySet()) {
            Relation rel = catalog.byOid(dep.getKey());
            refuseUnobservable(def, rel, tviewTables.contains(rel.oid()));
            List<OccurrenceMapping> mine = mappings.stream()
                    .filter(m -> m.occurrence().relation().oid() == rel.oid()).toList();
            List<PartitionMapping> myPartitions = partitions.stream()
                    .filter(p -> p.toPartition().occurrence().relation().oid() == rel.oid()).toList();
            boolean untraceable = graph == null || extra.contains(rel.oid()) || mine.isEmpty()
                    || mine.stream().anyMatch(m -> m.kind() == MappingKind.ALL_KEYS)
                    || myPartitions.stream().anyMatch(p -> p.toPartition().kind() == MappingKind.ALL_KEYS
                            || p.expansion().kind() == MappingKind.ALL_KEYS);
            if (untraceable && !fullPolicy && graph != null && !extra.contains(rel.oid())
                    && mine.stream().noneMatch(m -> m.kind() == MappingKind.ALL_KEYS) && !mine.isEmpty()) {
                PartitionMapping p = myPartitions.stream().filter(x -> x.toPartition().kind() == MappingKind.ALL_KEYS
                        || x.expansion().kind() == MappingKind.ALL_KEYS).findFirst().orElseThrow();
                throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, def.name() + " reads "
                        + p.toPartition().occurrence() + ", which no column equality links to the window partition "
                        + p.partition() + " (or that partition to the key), so a change to it can change the window "
                        + "values of any key; link it with an equality in an ON or WHERE clause, or declare "
                        + "fullRefreshOnUntraceable to refresh the whole TVIEW when it changes");
            }
            if (untraceable && !fullPolicy && graph != null && !extra.contains(rel.oid())) {
                throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, untraceableReason(def, rel, mine)
                        + untraceableAdvice(mine) + ", or declare fullRefreshOnUntraceable to refresh the whole "
                        + "TVIEW when it changes");
            }
            Optional<List<ColumnInfo>> read = dep.getValue().contains(0) || extra.contains(rel.oid()) ? Optional.empty()
                    : Optional.of(catalog.columns(rel.oid()).stream()
                    .filter(col -> dep.getValue().contains(col.number())).toList());
            sources.add(new SourcePlan(rel, mine, read, catalog.primaryKey(rel.oid()), untraceable, myPartitions));
        }
        Optional<IdUniqueness> id = columns.stream().noneMatch(col -> col.name().equals(IdUniqueness.COLUMN))
                ? Optional.empty() : graph == null ? Optional.of(new IdUniqueness(false, "the TVIEW is refreshed as a "
                + "whole, so the analysis did not trace where id comes from"))
                : keyColumns.size() > 1 ? Optional.of(new IdUniqueness(false, "the key is composite " + keyColumns
                + ", so one source row does not stand behind each row"))
                : Optional.of(IdUniqueness.of(graph, catalog));
        return new Analysed(new Analysis(schema, table, key.name(), key.type(), columns, sources, depth,
                graph != null && graph.unorderedAggregates(), List.copyOf(keyColumns)), id);
    }

    private static String untraceableAdvice(List<OccurrenceMapping> mine) {
        if (mine.stream().anyMatch(m -> m.kind() == MappingKind.ALL_KEYS && m.occurrence().limited())) {
            return "; pick the rows per key in a scalar subquery in the select list instead (… WHERE <column> = "
                    + "<key column> ORDER BY … LIMIT n), whose equalities apply before the limit";
        }
        if (mine.isEmpty()) {
            return "; if a function reads it, declare it as an extra source of the TVIEW";
        }
        return "; link it to the key with an equality in an ON or WHERE clause";
    }

    private static String untraceableReason(TviewDefinition def, Relation rel, List<OccurrenceMapping> mine) {
        if (mine.isEmpty()) {
            return "PostgreSQL records that " + def.name() + " reads " + rel + ", but the analysis found no FROM "
                    + "clause naming it (is it read inside a function or a view?), so its changes cannot be traced";
        }
        OccurrenceMapping m = mine.stream().filter(x -> x.kind() == MappingKind.ALL_KEYS).findFirst().orElseThrow();
        return def.name() + " reads " + m.occurrence() + (m.occurrence().limited()
                ? " inside a derived table or IN subquery with LIMIT, OFFSET, DISTINCT ON or a window function, which "
                + "pick rows among all of its rows, so a change to it can affect any key"
                : " without a column equality linking it to the key, so a change to it can affect any key");
    }

    private void refuseUnobservable(TviewDefinition def, Relation rel, boolean isTview) throws SQLException {
        if (isTview) {
            return;
        }
        String what = switch (rel.kind()) {
            case "r" -> catalog.partitionOrInheritance(rel.oid()).map(s -> rel + ", " + s).orElse(null);
            case "v" -> "the view " + rel + "; inline its SELECT into the definition, or make it a TVIEW";
            case "m" -> "the materialized view " + rel + ", whose changes fire no triggers; make it a TVIEW";
            case "f" -> "the foreign table " + rel + ", whose changes happen elsewhere; copy its rows into a table";
            case "p" -> "the partitioned table " + rel + ": a write to one of its partitions fires no statement "
                    + "trigger of " + rel + ", so it cannot be observed yet; read a plain table";
            default -> rel + " (relkind " + rel.kind() + "), whose changes cannot be observed";
        };
        if (what != null) {
            throw new TviewsException(TviewsException.FEATURE_NOT_SUPPORTED, def.name() + " reads " + what);
        }
    }

    /** The tv table, its primary key, partitions and indexes, and its guard; returns the index made on id. */
    private Optional<TviewInfo.IdIndex> createTable(Analysed analysed, TviewOptions options) throws SQLException {
        Analysis a = analysed.analysis();
        String tv = quote(a.schema()) + "." + quote(a.table());
        Optional<Partitioning> partitioning = options.partitioning();
        if (partitioning.isPresent() && a.columns().stream().noneMatch(col -> col.name().equals(partitioning.get().column()))) {
            throw new TviewsException(TviewsException.UNDEFINED_COLUMN, "cannot partition " + tv + " on "
                    + partitioning.get().column() + ": the definition has no such column (its columns: "
                    + a.columns().stream().map(ColumnInfo::name).toList() + "); add it to the SELECT list");
        }
        execute("CREATE TABLE " + tv + " (" + String.join(", ", a.columns().stream()
                .map(col -> quote(col.name()) + " " + col.type()).toList()) + ")"
                + partitioning.map(p -> " PARTITION BY " + p.method() + " (" + quote(p.column()) + ")").orElse(""));
        execute("ALTER TABLE " + tv + " ADD PRIMARY KEY (" + quote(a.keyColumn())
                + RefreshFunctions.primaryKeyBeyondKey(a, partitioning.map(Partitioning::column)).stream()
                .map(p -> ", " + quote(p)).collect(java.util.stream.Collectors.joining()) + ")");
        if (partitioning.isPresent()) {
            createPartitions(a, partitioning.get());
        }
        for (ColumnInfo col : a.columns()) {
            String n = col.name();
            if (a.keyColumns().contains(n) || n.equals(IdUniqueness.COLUMN)) {
                continue;
            }
            if (n.startsWith("fk_") || n.endsWith("_id")) {
                execute("CREATE INDEX ON " + tv + " (" + quote(n) + ")");
            }
        }
        Optional<TviewInfo.IdIndex> idIndexMade = applyIdIndex(analysed, options, oidOf(tv));
        if (options.ginIndexOnData() && a.columns().stream().anyMatch(col -> col.name().equals("data"))) {
            execute("CREATE INDEX ON " + tv + " USING gin (" + quote("data") + ")");
        }
        execute("CREATE TRIGGER tviews_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + tv
                + " FOR EACH STATEMENT WHEN (current_setting('tviews.writing', true) IS DISTINCT FROM 'on') "
                + "EXECUTE FUNCTION tviews.guard()");
        return idIndexMade;
    }

    /** Gives the tv table the index on id that the proof and the options decide, if it has an id column. */
    private Optional<TviewInfo.IdIndex> applyIdIndex(Analysed analysed, TviewOptions options, long tvOid)
            throws SQLException {
        if (analysed.id().isEmpty()) {
            return Optional.empty();
        }
        Analysis a = analysed.analysis();
        IdIndexBuilder.Decision decision = IdIndexBuilder.decide(quote(a.schema()) + "." + quote(a.table()),
                analysed.id().get(), options.uniqueId(), options.partitioning());
        return Optional.of(idIndex.apply(a.schema(), a.table(), tvOid, decision));
    }

    private static void setIdIndex(PreparedStatement ps, int first, Optional<TviewInfo.IdIndex> idIndexMade)
            throws SQLException {
        String name = idIndexMade.map(TviewInfo.IdIndex::name).orElse(null);
        ps.setString(first, name);
        ps.setString(first + 1, name);
        ps.setBoolean(first + 2, idIndexMade.map(TviewInfo.IdIndex::unique).orElse(false));
        ps.setString(first + 3, idIndexMade.map(TviewInfo.IdIndex::reason).orElse(null));
    }

    /** HASH: every partition, named {@code <table>_p<n>}; RANGE and LIST: a DEFAULT partition the user splits. */
    private void createPartitions(Analysis a, Partitioning p) throws SQLException {
        String tv = quote(a.schema()) + "." + quote(a.table());
        try {
            if (p.method() == Partitioning.Method.HASH) {
                for (int i = 0; i < p.partitions(); i++) {
                    execute("CREATE TABLE " + quote(a.schema()) + "." + quote(a.table() + "_p" + i) + " PARTITION OF " + tv
                            + " FOR VALUES WITH (MODULUS " + p.partitions() + ", REMAINDER " + i + ")");
                }
            } else {
                execute("CREATE TABLE " + quote(a.schema()) + "." + quote(a.table() + "_default") + " PARTITION OF "
                        + tv + " DEFAULT");
            }
        } catch (SQLException e) {
            throw new TviewsException(e.getSQLState(), "creating the partitions of " + tv + " failed: " + e.getMessage(), e);
        }
    }

    private static List<String> shape(List<ColumnInfo> columns) {
        return columns.stream().map(col -> col.name() + " " + col.type()).toList();
    }

    private static List<String> mappingNotes(Analysis a) {
        List<String> notes = new ArrayList<>();
        for (SourcePlan s : a.sources()) {
            for (OccurrenceMapping m : s.mappings()) {
                notes.add(m.describe());
            }
            for (PartitionMapping p : s.partitions()) {
                notes.add(p.describe());
            }
        }
        return notes;
    }

    private void recordTview(int id, Analysis a, Relation view, TviewDefinition def,
                             Optional<TviewInfo.IdIndex> idIndexMade) throws SQLException {
        List<String> mappingNotes = mappingNotes(a);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tviews.tview (id, tv_table, backing_view, key_column, key_type, definition, options,
                                          refresh_policy, depth, analysis)
                VALUES (?, ?::regclass, ?::regclass, ?, ?, ?, jsonb_build_object('key', ?::text,
                        'fullRefreshOnUntraceable', ?, 'ginIndexOnData', ?, 'batch', ?, 'partitioning',
                        CASE WHEN ?::text IS NOT NULL THEN jsonb_build_object('method', ?::text, 'column', ?::text,
                                                                        'partitions', ?::int) END, 'uniqueId', ?),
                        ?, ?, jsonb_build_object('mappings', ?::text[], 'unorderedAggregates', ?, 'id', """
                + ID_INDEX_JSON + "))")) {
            ps.setInt(1, id);
            ps.setString(2, quote(a.schema()) + "." + quote(a.table()));
            ps.setString(3, view.qualified());
            ps.setString(4, a.keyColumn());
            ps.setString(5, a.keyType());
            ps.setString(6, def.select());
            ps.setString(7, def.options().keyColumn().orElse(null));
            ps.setBoolean(8, def.options().fullRefreshOnUntraceable());
            ps.setBoolean(9, def.options().ginIndexOnData());
            ps.setBoolean(10, def.options().batch());
            Optional<Partitioning> p = def.options().partitioning();
            ps.setString(11, p.map(x -> x.method().name()).orElse(null));
            ps.setString(12, p.map(x -> x.method().name()).orElse(null));
            ps.setString(13, p.map(Partitioning::column).orElse(null));
            ps.setInt(14, p.map(Partitioning::partitions).orElse(0));
            ps.setBoolean(15, def.options().uniqueId());
            ps.setString(16, a.sources().stream().anyMatch(SourcePlan::fullRefresh) ? "full" : "incremental");
            ps.setInt(17, a.depth());
            ps.setArray(18, c.createArrayOf("text", mappingNotes.toArray()));
            ps.setBoolean(19, a.unorderedAggregates());
            setIdIndex(ps, 20, idIndexMade);
            ps.execute();
        }
        if (!def.options().extraSources().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tviews.tview SET options = options "
                    + "|| jsonb_build_object('extraSources', ?::text[]) WHERE id = ?")) {
                ps.setArray(1, c.createArrayOf("text", def.options().extraSources().toArray()));
                ps.setInt(2, id);
                ps.execute();
            }
        }
    }

    private void recordSource(int id, String tvName, Analysis a, SourcePlan s) throws SQLException {
        TriggerFragments.Fragments f = TriggerFragments.generate(id, tvName, a, s);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tviews.source (tview_id, source_table, kinds, read_columns, stmt_insert, stmt_update,
                                           stmt_delete, row_insert, row_update, row_delete)
                VALUES (?, ?::regclass, ?, ?::name[], ?, ?, ?, ?, ?, ?)""")) {
            ps.setInt(1, id);
            ps.setString(2, s.relation().qualified());
            ps.setArray(3, c.createArrayOf("text", s.kinds().toArray()));
            ps.setArray(4, s.readColumns().isEmpty() ? null
                    : c.createArrayOf("text", s.readColumns().get().stream().map(ColumnInfo::name).toArray()));
            ps.setString(5, f.stmtInsert());
            ps.setString(6, f.stmtUpdate());
            ps.setString(7, f.stmtDelete());
            ps.setString(8, f.rowInsert());
            ps.setString(9, f.rowUpdate());
            ps.setString(10, f.rowDelete());
            ps.execute();
        }
    }

    private int nextId() throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('tviews.tview', 'id'))")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Splits {@code tv_x} / {@code schema.tv_x} (quoted parts allowed); the schema defaults to current_schema(). */
    private String[] targetName(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(p[array_length(p, 1) - 1], current_schema()), p[array_length(p, 1)] "
                        + "FROM parse_ident(?) AS p")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    throw new TviewsException(TviewsException.INVALID_PARAMETER_VALUE, "no schema to create "
                            + name + " in: the search_path is empty; qualify the name");
                }
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        } catch (TviewsException e) {
            throw e;
        } catch (SQLException e) {
            throw new TviewsException(TviewsException.INVALID_PARAMETER_VALUE, "\"" + name + "\" is not a valid "
                    + "table name: " + e.getMessage(), e);
        }
    }

    /** The key's columns as the options name them, else the default key. */
    private static List<String> keyColumns(TviewOptions options, String table, List<ColumnInfo> columns) {
        List<String> named = options.keyColumns();
        return named.isEmpty() ? List.of(defaultKey(table, columns)) : named;
    }

    /** {@code pk_<entity>} for {@code tv_<entity>}, else the only {@code pk_*} column. */
    private static String defaultKey(String table, List<ColumnInfo> columns) {
        String entity = table.toLowerCase(Locale.ROOT).startsWith("tv_") ? table.substring(3) : table;
        String conventional = "pk_" + entity;
        List<String> pkColumns = columns.stream().map(ColumnInfo::name).filter(n -> n.startsWith("pk_")).toList();
        return pkColumns.contains(conventional) || pkColumns.size() != 1 ? conventional : pkColumns.get(0);
    }

    /** The oid of a relation just created (the catalog caches names it looked up, this one as missing). */
    private long oidOf(String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::regclass::oid")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
