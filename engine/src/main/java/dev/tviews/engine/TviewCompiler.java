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
import dev.tviews.engine.analysis.Refusal;
import dev.tviews.engine.analysis.Untraceable;
import dev.tviews.engine.analysis.SelectSyntax;
import dev.tviews.engine.analysis.ViewInliner;
import dev.tviews.engine.analysis.SourcePlan;
import dev.tviews.engine.generate.RefreshFunctions;
import dev.tviews.engine.generate.SqlTemplate;
import dev.tviews.engine.generate.TriggerFragments;
import dev.tviews.sql.SqlState;

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

import static dev.tviews.sql.Identifiers.qualified;
import static dev.tviews.sql.Identifiers.quote;

/**
 * Creates one TVIEW: analyses its definition against the live catalog, then creates the tv_*
 * table ({@link TvTableDdl}), records it ({@link CatalogRecords}), generates the refresh functions
 * and the trigger fragments ({@code generate}), populates the table and rebuilds the triggers of
 * every source relation. Runs inside the caller's transaction.
 */
final class TviewCompiler {

    static final int MAX_DEPTH = 10;

    private static final String TARGET_NAME = SqlTemplate.statement("compile/target_name.sql").text();

    private final Connection c;
    private final Catalog catalog;
    private final IdIndexBuilder idIndex;
    private final CatalogRecords records;
    private final TvTableDdl tables;
    /** Sources whose triggers wait for {@link #rebuildTriggers}, in order; names, not oids (relations get renamed). */
    private final Set<String> pendingTriggers = new java.util.LinkedHashSet<>();
    private boolean deferTriggers;

    TviewCompiler(Connection c) {
        this.c = c;
        this.catalog = new Catalog(c);
        this.idIndex = new IdIndexBuilder(c, catalog);
        this.records = new CatalogRecords(c);
        this.tables = new TvTableDdl(c, idIndex);
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
        if (catalog.resolve(qualified(schema, table)).isPresent()) {
            throw new TviewsException(SqlState.DUPLICATE_TABLE, "relation " + schema + "." + table
                    + " already exists; drop it first, or pick another name for the TVIEW");
        }
        DefinitionText.requireOneSelect(def);

        int id = records.nextId();
        String viewName = "tviews." + quote("def_" + id);
        // PostgreSQL reads the definition first: its errors, with their position, come before the engine's own.
        String ddl = "CREATE VIEW " + viewName + " AS ";
        try {
            execute(ddl + def.select());
        } catch (SQLException e) {
            // The tv_* table does not exist yet, so a definition that reads it fails as an unknown relation.
            if (SqlState.UNDEFINED_TABLE.matches(e) && String.valueOf(e.getMessage()).contains("\"" + table + "\"")) {
                throw new TviewsException(SqlState.INVALID_OBJECT_DEFINITION, "TVIEW " + schema + "." + table
                        + " reads itself; a TVIEW cannot depend on its own rows", e);
            }
            throw DefinitionText.rejectedByPostgres(def, ddl.length(), e);
        }
        Relation view = catalog.resolve(viewName).orElseThrow();
        RuleTree tree = RuleTree.of(c, view.oid());
        FunctionCheck.check(c, tree, def.name(), !def.options().extraSources().isEmpty());
        List<Relation> viewsRead = ViewInliner.viewsRead(catalog, view.oid());
        ViewChecks.check(c, def, viewsRead);
        if (tree.targetSrfs()) {
            throw Refusal.SET_RETURNING_FUNCTION.refuse("the definition of " + def.name() + " calls a set-returning "
                    + "function in a select list, which turns one row into several with one key");
        }
        List<ColumnInfo> columns = catalog.columns(view.oid());
        List<String> keyColumns = keyColumns(def.options(), table, columns);
        for (String keyColumn : keyColumns) {
            if (columns.stream().noneMatch(col -> col.name().equals(keyColumn))) {
                throw Refusal.KEY_COLUMN_NOT_SELECTED.refuse("the definition of " + def.name() + " has no key column "
                        + keyColumn + " (its columns: " + columns.stream().map(ColumnInfo::name).toList() + ")");
            }
        }
        if (keyColumns.stream().distinct().count() < keyColumns.size()) {
            throw new TviewsException(SqlState.INVALID_PARAMETER_VALUE, "the key of " + def.name() + " names a "
                    + "column twice: " + keyColumns + "; name each column once");
        }
        ColumnInfo key = columns.stream().filter(col -> col.name().equals(keyColumns.get(0))).findFirst().orElseThrow();

        // A refusal about a view's body names the view.
        Analysed analysed = ViewInliner.naming(viewsRead, () -> analyse(def,
                tree.topWindowFunctions(), false, schema, table, key, keyColumns, columns, view));
        Analysis analysis = analysed.analysis();
        Optional<TviewInfo.IdIndex> idIndexMade = tables.create(analysis, analysed.id(), def.options());
        records.insert(new CatalogRecords.TviewRecord(id, qualified(analysis.schema(), analysis.table()),
                view.qualified(), analysis.keyColumn(), analysis.keyType(), def.select(), def.options(),
                CatalogRecords.Compiled.of(analysis, idIndexMade)));
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
        CatalogRecords.Stored stored = records.read(name);
        int id = stored.id();
        String schema = stored.schema();
        String table = stored.table();
        String select = stored.select();
        TviewOptions options = stored.options().options();
        boolean legacy = !stored.options().recordsUniqueId();
        Relation view = catalog.byOid(stored.backingView());
        List<ColumnInfo> columns = catalog.columns(view.oid());
        TviewDefinition def = new TviewDefinition(qualified(schema, table), select, options);
        Relation tv = catalog.byOid(catalog.resolve(def.name()).orElseThrow().oid());
        if (!shape(catalog.columns(tv.oid())).equals(shape(columns))) {
            throw new TviewsException(SqlState.FEATURE_NOT_SUPPORTED, "the columns of " + def.name() + " "
                    + shape(catalog.columns(tv.oid())) + " no longer match its definition's " + shape(columns) + "; drop the TVIEW "
                    + "and create it again");
        }
        List<String> keyColumns = keyColumns(options, table, columns);
        ColumnInfo key = columns.stream().filter(col -> col.name().equals(keyColumns.get(0))).findFirst().orElseThrow();
        // A view it reads may have been redefined (allowed by tviews.ddl): its new body gets the checks of a create.
        ViewChecks.check(c, def, ViewInliner.viewsRead(catalog, view.oid()));
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
        Optional<TviewInfo.IdIndex> idIndexMade = tables.applyIdIndex(analysis, analysed.id(), options, tv.oid());
        List<String> before = records.sources(id);
        records.updateCompiled(id, CatalogRecords.Compiled.of(analysis, idIndexMade), options.uniqueId());
        records.forgetSources(id);
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
        String tvName = qualified(schema, table);
        for (SourcePlan source : analysis.sources()) {
            records.recordSource(id, analysis, source, TriggerFragments.generate(id, tvName, analysis, source));
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
            throw new TviewsException("populating " + def.name() + " failed: " + e.getMessage()
                    + (SqlState.CARDINALITY_VIOLATION.matches(e) ? "; the key column " + keyColumn + " must be unique "
                    + "in the definition's rows" : "")
                    + (SqlState.NOT_NULL_VIOLATION.matches(e) && partitionColumn.isPresent() ? "; the partition column "
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
        return records.info(tvName);
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
            Relation rel = catalog.resolve(name).orElseThrow(() -> new TviewsException(SqlState.UNDEFINED_OBJECT,
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
            throw new TviewsException(SqlState.STATEMENT_TOO_COMPLEX, def.name() + " would cascade "
                    + depth + " TVIEWs deep, more than the limit of " + MAX_DEPTH + "; read the base tables instead of "
                    + "the deepest TVIEW");
        }
        QueryGraph graph;
        try {
            String select = ViewInliner.viewsRead(catalog, view.oid()).isEmpty() ? def.select()
                    : ViewInliner.inline(c, catalog, def.name(), def.select()).select();
            graph = DefinitionParser.analyse(SelectSyntax.parse(select), keyColumns, catalog);
            // PostgreSQL's tree is the authority on whether the top level computes windows; the
            // analysis must have traced every one of them to a partition.
            if (topWindowFunctions && !graph.topWindows()) {
                throw Refusal.TOP_LEVEL_WINDOW.refuse("the definition computes window functions at its top level, whose "
                        + "values for one key depend on other keys' rows");
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
                throw Refusal.WINDOW_PARTITION_UNLINKED.refuse(def.name() + " reads " + p.toPartition().occurrence()
                        + ", which no column equality links to the window partition " + p.partition() + " (or that "
                        + "partition to the key), so a change to it can change the window values of any key");
            }
            if (untraceable && !fullPolicy && graph != null && !extra.contains(rel.oid())) {
                throw untraceableRefusal(mine).refuse(untraceableReason(def, rel, mine));
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

    private static Refusal untraceableRefusal(List<OccurrenceMapping> mine) {
        if (mine.stream().anyMatch(m -> m.kind() == MappingKind.ALL_KEYS && m.occurrence().limited())) {
            return Refusal.LIMITED_SOURCE;
        }
        if (mine.isEmpty()) {
            return Refusal.UNSEEN_SOURCE;
        }
        return Refusal.UNLINKED_SOURCE;
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
        String reads = def.name() + " reads ";
        switch (rel.kind()) {
            case "r" -> {
                Optional<Relation> root = catalog.partitionRoot(rel.oid());
                if (root.isPresent()) {
                    throw Refusal.PARTITION_SOURCE.refuse(reads + rel + ", a partition of " + root.get() + ": rows "
                            + "written through " + root.get() + " fire only its statement triggers", root.get());
                }
                if (catalog.hasInheritanceChildren(rel)) {
                    throw Refusal.INHERITANCE_SOURCE.refuse(reads + rel + ", which has inheritance children whose "
                            + "rows it returns but whose writes fire only their own triggers");
                }
            }
            case "p" -> {
                // A partitioned table is maintained: rebuild_source puts the triggers on every partition.
                List<Relation> foreign = catalog.foreignPartitions(rel.oid());
                if (!foreign.isEmpty()) {
                    throw Refusal.FOREIGN_TABLE_SOURCE.refuse(reads + "the partitioned table " + rel + ", whose "
                            + "partition " + foreign.get(0) + " is a foreign table, whose changes happen elsewhere");
                }
            }
            case "v" -> throw Refusal.VIEW_SOURCE.refuse(reads + "the view " + rel);
            case "m" -> throw Refusal.MATERIALIZED_VIEW_SOURCE.refuse(reads + "the materialized view " + rel
                    + ", whose changes fire no triggers");
            case "f" -> throw Refusal.FOREIGN_TABLE_SOURCE.refuse(reads + "the foreign table " + rel
                    + ", whose changes happen elsewhere");
            default -> throw Refusal.UNOBSERVABLE_RELATION.refuse(reads + rel + " (relkind " + rel.kind()
                    + "), whose changes cannot be observed");
        }
    }

    private static List<String> shape(List<ColumnInfo> columns) {
        return columns.stream().map(col -> col.name() + " " + col.type()).toList();
    }

    /** Splits {@code tv_x} / {@code schema.tv_x} (quoted parts allowed); the schema defaults to current_schema(). */
    private String[] targetName(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TARGET_NAME)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    throw new TviewsException(SqlState.INVALID_PARAMETER_VALUE, "no schema to create "
                            + name + " in: the search_path is empty; qualify the name");
                }
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        } catch (TviewsException e) {
            throw e;
        } catch (SQLException e) {
            throw new TviewsException(SqlState.INVALID_PARAMETER_VALUE, "\"" + name + "\" is not a valid "
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

    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
