package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.sql.SqlState;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.tviews.engine.analysis.SelectSyntax.hasDistinctOn;
import static dev.tviews.engine.analysis.SelectSyntax.hasWindowFunction;
import static dev.tviews.engine.analysis.SelectSyntax.normalize;
import static dev.tviews.engine.analysis.SelectSyntax.outputName;
import static dev.tviews.engine.analysis.SelectSyntax.setOperation;
import static dev.tviews.engine.analysis.SelectSyntax.unwrap;

/**
 * Reads a definition that {@link SelectSyntax} parsed into a {@link QueryGraph}: it walks the FROM
 * clauses (derived tables, CTEs and subqueries included) for the occurrences of relations, handing
 * ON and WHERE conjuncts (correlated subqueries included) to {@link JoinEdges} and the select list
 * to {@link KeyFinder} for the column that provides the key. Names are resolved against the live
 * catalog the same way PostgreSQL resolves them, through {@link Scope} and {@link Ctes}.
 */
public final class DefinitionParser {

    private static final Set<String> ORDER_SENSITIVE_AGGREGATES =
            Set.of("jsonb_agg", "json_agg", "array_agg", "string_agg", "jsonb_object_agg", "json_object_agg");

    private final Catalog catalog;
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final JoinEdges edges = new JoinEdges();
    private boolean unorderedAggregates;
    /** Ids of occurrences that an outer join can null-extend. */
    private final Set<Integer> nullable = new java.util.HashSet<>();
    /** Reads the nullable set above as it grows: a UNION ALL branch is checked before the next is read. */
    private final KeyFinder keys;
    /** The PARTITION BY columns of window functions that the analysis traces (top level and derived tables). */
    private final List<ColumnRef> windowPartitions = new ArrayList<>();
    /** Whether the top-level SELECT computes window functions, all of them partitioned by a traceable column. */
    private boolean topWindowsTraced;
    /** Guards against a CTE body that reaches itself through names the analysis misreads. */
    private int cteDepth;

    private DefinitionParser(Catalog catalog) {
        this.catalog = catalog;
        this.keys = new KeyFinder(catalog, java.util.Collections.unmodifiableSet(nullable));
    }

    /** The graph of {@code select}, keyed on the output column {@code keyColumn}. */
    public static QueryGraph analyse(Select select, String keyColumn, Catalog catalog) throws SQLException {
        return analyse(select, List.of(keyColumn), catalog);
    }

    /**
     * The graph of {@code select}, keyed on the output columns {@code keyColumns}: changes are traced
     * to values of the first, which may be computed from one occurrence's columns (a GROUP BY
     * expression); the others only need to be never NULL.
     */
    public static QueryGraph analyse(Select select, List<String> keyColumns, Catalog catalog) throws SQLException {
        DefinitionParser parser = new DefinitionParser(catalog);
        Select bare = select instanceof ParenthesedSelect p ? p.getSelect() : select;
        if (SelectSyntax.unionAll(bare) != null) {
            return parser.unionAll(SelectSyntax.unionAll(bare), keyColumns);
        }
        if (!(bare instanceof PlainSelect top)) {
            throw Refusal.SET_OPERATION.refuse("the definition is " + setOperation(bare) + ", not one plain SELECT, so its "
                    + "rows cannot be traced to one key each");
        }
        if (top.getLimit() != null || top.getOffset() != null || top.getFetch() != null) {
            throw Refusal.TOP_LEVEL_LIMIT.refuse("the definition has LIMIT, OFFSET or FETCH at its top level, so any write "
                    + "may change which rows belong to it");
        }
        Scope scope = parser.plainSelect(top, null, false, Ctes.NONE);
        if (hasWindowFunction(top)) {
            List<ColumnRef> partitions = parser.windowPartitions(top, scope);
            if (partitions == null) {
                throw Refusal.UNPARTITIONED_WINDOW.refuse("the definition computes window functions at its top level "
                        + "without a PARTITION BY whose first expression is a column of a source table, so a value for "
                        + "one key can depend on every other key's row");
            }
            parser.windowPartitions.addAll(partitions);
            parser.topWindowsTraced = true;
        }
        KeyFinder.Key key = parser.keys.topLevel(top, scope, keyColumns);
        return new QueryGraph(List.copyOf(parser.occurrences), parser.edges.list(), key.column(), key.expression(),
                parser.plainOutputs(top, scope), parser.unorderedAggregates,
                List.copyOf(new java.util.LinkedHashSet<>(parser.windowPartitions)), parser.topWindowsTraced, List.of());
    }

    /**
     * A UNION ALL whose branches each produce the key: every branch is analysed on its own, its key
     * being the branch's column at the key's position, and its occurrences map to keys through it (a
     * mapping per branch). A refresh recomputes a key from every branch, and PostgreSQL pushes the
     * key's filter into each.
     */
    private QueryGraph unionAll(List<PlainSelect> branches, List<String> keyColumns) throws SQLException {
        if (keyColumns.size() > 1) {
            throw Refusal.UNION_ALL_COMPOSITE_KEY.refuse("the definition is a UNION ALL keyed by several columns " + keyColumns);
        }
        String keyColumn = keyColumns.get(0);
        int position = KeyFinder.unionPosition(branches.get(0), keyColumn);
        List<ColumnRef> branchKeys = new ArrayList<>();
        for (PlainSelect branch : branches) {
            if (branch.getLimit() != null || branch.getOffset() != null || branch.getFetch() != null
                    || hasWindowFunction(branch) || branch.getWithItemsList() != null) {
                throw Refusal.UNION_ALL_BRANCH_NOT_PLAIN.refuse("a branch of the UNION ALL has LIMIT, OFFSET, a window "
                        + "function or WITH, which the analysis traces only in a single SELECT");
            }
            Scope scope = plainSelect(branch, null, false, Ctes.NONE);
            branchKeys.add(keys.unionBranch(branch, position, scope, keyColumn));
        }
        return new QueryGraph(List.copyOf(occurrences), edges.list(), branchKeys.get(0), null, Map.of(),
                unorderedAggregates, List.of(), false, List.copyOf(branchKeys.subList(1, branchKeys.size())));
    }

    // ---------------------------------------------------------------- selects and FROM items

    private Scope plainSelect(PlainSelect select, Scope parent, boolean limited, Ctes visible) throws SQLException {
        return plainSelect(select, parent, limited, visible, false);
    }

    private Scope plainSelect(PlainSelect select, Scope parent, boolean limited, Ctes visible, boolean ownLimitTraceable)
            throws SQLException {
        Ctes ctes = visible;
        if (select.getWithItemsList() != null) {
            for (WithItem<?> w : select.getWithItemsList()) {
                if (w.isRecursive()) {
                    throw Refusal.RECURSIVE_CTE.refuse("WITH RECURSIVE " + w.getAliasName() + " reaches rows through other "
                            + "rows, so a change cannot be traced to the keys it affects");
                }
                // A non-recursive CTE's body sees only the CTEs before it: WITH tb_user AS (… FROM tb_user) reads the table.
                ctes = ctes.with(normalize(w.getAliasName()), w);
            }
        }
        boolean rowsDependOnOtherRows = limited || !ownLimitTraceable && (select.getLimit() != null
                || select.getOffset() != null || select.getFetch() != null);
        Scope scope = new Scope(parent, new ArrayList<>(), ctes);
        int first = occurrences.size();
        fromItem(select.getFromItem(), scope, rowsDependOnOtherRows);
        joins(select.getJoins(), scope, rowsDependOnOtherRows, first);
        if (select.getWhere() != null) {
            conjuncts(select.getWhere(), scope);
        }
        for (SelectItem<?> item : select.getSelectItems()) {
            walk(item.getExpression(), scope);
        }
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object e : select.getGroupBy().getGroupByExpressionList()) {
                walk((Expression) e, scope);
            }
        }
        if (select.getHaving() != null) {
            walk(select.getHaving(), scope);
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement o : select.getOrderByElements()) {
                walk(o.getExpression(), scope);
            }
        }
        return scope;
    }

    private Scope.Member fromItem(FromItem item, Scope scope, boolean limited) throws SQLException {
        if (item == null) {
            return null;
        }
        if (item instanceof Table table) {
            String name = table.getFullyQualifiedName();
            Ctes.Cte cte = table.getSchemaName() == null ? scope.ctes().find(normalize(table.getName())) : null;
            String alias = table.getAlias() != null ? normalize(table.getAlias().getName()) : normalize(table.getName());
            if (cte != null) {
                if (++cteDepth > 100) {
                    throw Refusal.CTE_TOO_DEEP.refuse("the CTE " + table.getName() + " is referenced more than 100 levels deep");
                }
                try {
                    return derived(cte.item().getSelect(), alias, scope, scope.parent(), limited, cte.visible());
                } finally {
                    cteDepth--;
                }
            }
            Relation relation = catalog.resolve(name).orElseThrow(() -> new TviewsException(
                    SqlState.UNDEFINED_OBJECT, "the definition reads " + name + ", which the catalog does not know"));
            Occurrence o = new Occurrence(occurrences.size(), alias, relation, catalog.columns(relation.oid()), limited);
            occurrences.add(o);
            return scope.add(new Scope.Member(alias, o, null));
        }
        if (item instanceof ParenthesedSelect sub) {
            String alias = sub.getAlias() != null ? normalize(sub.getAlias().getName()) : "subquery" + occurrences.size();
            Scope parentForBody = sub instanceof LateralSubSelect ? scope : scope.parent();
            return derived(sub, alias, scope, parentForBody, limited, scope.ctes());
        }
        if (item instanceof TableFunction function) {
            // A function in FROM reads no relation; its arguments are walked like any expression, and
            // its volatility is checked with the definition's other functions.
            walk(function.getFunction(), scope);
            String alias = function.getAlias() != null ? normalize(function.getAlias().getName())
                    : normalize(function.getFunction().getName());
            return scope.add(new Scope.Member(alias, null, new Scope.Derived(List.of(alias), Map.of())));
        }
        if (item instanceof ParenthesedFromItem nested) {
            int start = occurrences.size();
            Scope.Member first = fromItem(nested.getFromItem(), scope, limited);
            joins(nested.getJoins(), scope, limited, start);
            return first;
        }
        throw Refusal.UNTRACEABLE_FROM_ITEM.refuse("the FROM item " + item + " (" + item.getClass().getSimpleName()
                + ") is not one the analysis can trace");
    }

    /**
     * The joins after a first FROM item whose occurrences start at {@code first}; records which
     * occurrences an outer join can null-extend (the right side of LEFT, the left of RIGHT, both of FULL).
     */
    private void joins(List<Join> joins, Scope scope, boolean limited, int first) throws SQLException {
        if (joins == null) {
            return;
        }
        int leftStart = first;
        for (Join join : joins) {
            int rightStart = occurrences.size();
            Scope.Member right = fromItem(join.getRightItem(), scope, limited);
            int rightEnd = occurrences.size();
            if (join.isLeft() || join.isFull()) {
                markNullable(rightStart, rightEnd);
            }
            if (join.isRight() || join.isFull()) {
                markNullable(leftStart, rightStart);
            }
            for (Expression on : join.getOnExpressions()) {
                conjuncts(on, scope);
            }
            if (join.getUsingColumns() != null) {
                for (Column c : join.getUsingColumns()) {
                    edges.using(scope, right, normalize(c.getColumnName()));
                }
            }
        }
    }

    private void markNullable(int from, int to) {
        for (int i = from; i < to; i++) {
            nullable.add(i);
        }
    }

    /** A subquery in FROM: its plain-column outputs resolve to the occurrences inside it. */
    private Scope.Member derived(ParenthesedSelect sub, String alias, Scope scope, Scope bodyParent, boolean limited,
                                 Ctes visible) throws SQLException {
        Select body = sub.getSelect();
        if (!(body instanceof PlainSelect inner)) {
            throw Refusal.DERIVED_SET_OPERATION.refuse("the derived table or CTE " + alias + " is " + setOperation(body)
                    + ", not a plain SELECT");
        }
        // Window functions and DISTINCT ON pick or number rows among all of the derived table's
        // rows, before the outer query's equalities restrict them to a key. A window partitioned by
        // a source column is traced instead: a change refreshes every key of its partitions.
        boolean windows = hasWindowFunction(inner);
        boolean innerLimited = limited || hasDistinctOn(inner);
        int firstInside = occurrences.size();
        int edgesBefore = edges.size();
        int partitionsBefore = windowPartitions.size();
        Scope innerScope = plainSelect(inner, bodyParent, innerLimited, visible);
        if (windows && !innerLimited) {
            List<ColumnRef> partitions = windowPartitions(inner, innerScope);
            if (partitions == null) {
                // Not traceable: read the body again with its occurrences limited.
                occurrences.subList(firstInside, occurrences.size()).clear();
                edges.truncate(edgesBefore);
                windowPartitions.subList(partitionsBefore, windowPartitions.size()).clear();
                nullable.removeIf(id -> id >= firstInside);
                innerScope = plainSelect(inner, bodyParent, true, visible);
            } else {
                windowPartitions.addAll(partitions);
            }
        }
        Map<String, ColumnRef> outputs = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (SelectItem<?> si : inner.getSelectItems()) {
            Expression e = si.getExpression();
            if (e instanceof AllColumns) {
                for (Scope.Member m : innerScope.members()) {
                    names.addAll(m.columnNames());
                    m.columnNames().forEach(n -> outputs.putIfAbsent(n, m.column(n)));
                }
                continue;
            }
            String name = Objects.requireNonNullElse(outputName(si), "?column?");
            names.add(name);
            if (e instanceof Column c) {
                ColumnRef ref = innerScope.resolve(c);
                if (ref != null) {
                    outputs.putIfAbsent(name, ref);
                }
            }
        }
        return scope.add(new Scope.Member(alias, null, new Scope.Derived(names, outputs)));
    }

    // ---------------------------------------------------------------- expressions

    /** Splits AND chains; an equality of two columns is an edge, everything else is walked for subqueries. */
    private void conjuncts(Expression e, Scope scope) throws SQLException {
        Expression bare = unwrap(e);
        if (bare instanceof AndExpression and) {
            conjuncts(and.getLeftExpression(), scope);
            conjuncts(and.getRightExpression(), scope);
            return;
        }
        if (!edges.equality(bare, scope)) {
            walk(bare, scope);
        }
    }

    /** Finds subqueries and order-sensitive aggregates anywhere inside an expression. */
    private void walk(Expression e, Scope scope) throws SQLException {
        if (e == null) {
            return;
        }
        SqlExceptionHolder failure = new SqlExceptionHolder();
        e.accept(new ExpressionVisitorAdapter<Void>() {
            // A subquery used as an expression arrives here typed as Select.
            @Override
            public <S> Void visit(Select select, S context) {
                if (select instanceof ParenthesedSelect sub) {
                    failure.run(() -> subquery(sub, scope, false));
                } else {
                    failure.run(() -> {
                        throw Refusal.SUBQUERY_NOT_PARENTHESISED.refuse("the subquery " + select + " is not a parenthesised "
                                + "SELECT");
                    });
                }
                return null;
            }

            @Override
            public <S> Void visit(InExpression in, S context) {
                if (unwrap(in.getRightExpression()) instanceof ParenthesedSelect sub) {
                    failure.run(() -> {
                        Scope inner = subquery(sub, scope, true);
                        edges.in(in, sub, scope, inner);
                    });
                    in.getLeftExpression().accept(this, context);
                    return null;
                }
                return super.visit(in, context);
            }

            @Override
            public <S> Void visit(Function f, S context) {
                noteAggregate(f.getName(), f.getOrderByElements());
                return super.visit(f, context);
            }

            // The adapter's own traversal of AnalyticExpression fails on a missing OVER ORDER BY.
            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                noteAggregate(a.getName(), a.getFuncOrderBy());
                List<Expression> parts = new ArrayList<>();
                parts.add(a.getExpression());
                parts.add(a.getFilterExpression());
                if (a.getPartitionExpressionList() != null) {
                    parts.addAll(a.getPartitionExpressionList());
                }
                for (List<OrderByElement> order : Arrays.asList(a.getFuncOrderBy(), a.getOrderByElements())) {
                    if (order != null) {
                        order.forEach(o -> parts.add(o.getExpression()));
                    }
                }
                for (Expression part : parts) {
                    if (part != null) {
                        part.accept(this, context);
                    }
                }
                return null;
            }
        });
        failure.rethrow();
    }

    /**
     * A subquery in an expression. A scalar or EXISTS subquery applies its own WHERE before its
     * LIMIT, window functions or DISTINCT ON, and nothing outside it can name its relations, so
     * every equality linking them to the key restricts its rows before they are picked: it stays
     * traceable. The equality of an IN subquery is applied after them, so there they are not.
     */
    private Scope subquery(ParenthesedSelect sub, Scope scope, boolean in) throws SQLException {
        if (!(sub.getSelect() instanceof PlainSelect ps)) {
            throw Refusal.SUBQUERY_SET_OPERATION.refuse("the subquery " + sub + " is " + setOperation(sub.getSelect())
                    + ", not a plain SELECT");
        }
        boolean picks = ps.getLimit() != null || ps.getOffset() != null || ps.getFetch() != null
                || hasWindowFunction(ps) || hasDistinctOn(ps);
        if (in && picks) {
            return plainSelect(ps, scope, true, scope.ctes());
        }
        // A scalar or EXISTS subquery's own LIMIT picks among rows its equalities already restrict.
        return plainSelect(ps, scope, false, scope.ctes(), !in);
    }

    private void noteAggregate(String name, List<OrderByElement> orderBy) {
        if (name != null && ORDER_SENSITIVE_AGGREGATES.contains(name.toLowerCase(Locale.ROOT))
                && (orderBy == null || orderBy.isEmpty())) {
            unorderedAggregates = true;
        }
    }

    /**
     * The first PARTITION BY column of each window function of {@code select}'s select list and ORDER
     * BY, resolved to a source column; null when one has no PARTITION BY, a named window, or a first
     * partition expression that is not a traceable column. Rows of other partitions never change a
     * window's value, so refreshing every key of the changed partitions (old and new) keeps it exact;
     * the first column alone gives a superset of the partition.
     */
    private List<ColumnRef> windowPartitions(PlainSelect select, Scope scope) {
        List<ColumnRef> found = new ArrayList<>();
        boolean[] opaque = {false};
        ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                if (!SelectSyntax.isWindow(a)) {
                    return null; // an aggregate with FILTER: no window to trace
                }
                List<Expression> partition = a.getPartitionExpressionList() == null ? List.of()
                        : new ArrayList<>(a.getPartitionExpressionList());
                ColumnRef ref = !partition.isEmpty() && a.getWindowName() == null
                        && unwrap(partition.get(0)) instanceof Column c ? scope.resolve(c) : null;
                // A partition of an outer-joined table can be NULL where the columns equal to it are not.
                if (ref == null || ref.occurrence().limited() || nullable.contains(ref.occurrence().id())) {
                    opaque[0] = true;
                } else {
                    found.add(ref);
                }
                return null;
            }

            @Override
            public <S> Void visit(Select sub, S context) {
                return null; // a subquery's own windows are traced with the subquery
            }
        };
        for (SelectItem<?> item : select.getSelectItems()) {
            item.getExpression().accept(visitor, null);
        }
        if (select.getOrderByElements() != null) {
            select.getOrderByElements().forEach(o -> o.getExpression().accept(visitor, null));
        }
        return opaque[0] || found.isEmpty() ? null : found;
    }

    // ---------------------------------------------------------------- outputs

    /** The output columns that are plain column references, and the occurrence column each reads. */
    private Map<String, ColumnRef> plainOutputs(PlainSelect top, Scope scope) {
        Map<String, ColumnRef> outputs = new HashMap<>();
        for (SelectItem<?> item : top.getSelectItems()) {
            Expression e = item.getExpression();
            List<Scope.Member> expanded = e instanceof AllTableColumns all
                    ? Optional.ofNullable(scope.member(normalize(all.getTable().getName()))).stream().toList()
                    : e instanceof AllColumns ? scope.members() : List.of();
            for (Scope.Member m : expanded) {
                for (String n : m.columnNames()) {
                    ColumnRef ref = m.column(n);
                    if (ref != null) {
                        outputs.putIfAbsent(n, ref);
                    }
                }
            }
            String name = outputName(item);
            if (name != null && unwrap(e) instanceof Column c) {
                ColumnRef ref = scope.resolve(c);
                if (ref != null) {
                    outputs.putIfAbsent(name, ref);
                }
            }
        }
        return Map.copyOf(outputs);
    }

    /** Carries a checked exception out of a visitor callback. */
    private static final class SqlExceptionHolder {
        private SQLException failure;

        interface Work {
            void run() throws SQLException;
        }

        void run(Work work) {
            if (failure != null) {
                return;
            }
            try {
                work.run();
            } catch (SQLException e) {
                failure = e;
            }
        }

        void rethrow() throws SQLException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
