package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.sql.Identifiers;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.tviews.engine.analysis.SelectSyntax.hasDistinctOn;
import static dev.tviews.engine.analysis.SelectSyntax.normalize;
import static dev.tviews.engine.analysis.SelectSyntax.outputName;
import static dev.tviews.engine.analysis.SelectSyntax.unwrap;

/**
 * Finds what provides a TVIEW's key in a SELECT whose names are resolved: a source column, or an
 * expression over one occurrence's row; and checks that the key can hold no NULL (it is the tv
 * table's primary key) and that DISTINCT ON cannot pick a row among several keys' rows.
 */
final class KeyFinder {

    /** Aggregates a key expression must not call (the common ones; PostgreSQL rejects the rest in GROUP BY). */
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg", "jsonb_agg",
            "json_agg", "string_agg", "bool_and", "bool_or", "every", "jsonb_object_agg", "json_object_agg", "stddev",
            "variance", "bit_and", "bit_or", "percentile_cont", "percentile_disc", "mode");

    /** The key of a top-level SELECT: exactly one of {@code column} and {@code expression} is set. */
    record Key(ColumnRef column, KeyExpression expression) {
    }

    private final Catalog catalog;
    /** Ids of occurrences that an outer join can null-extend, as the parser has found them so far. */
    private final Set<Integer> nullable;

    KeyFinder(Catalog catalog, Set<Integer> nullable) {
        this.catalog = catalog;
        this.nullable = nullable;
    }

    /**
     * The key of the top-level {@code top}, keyed on the output columns {@code keyColumns}: the
     * first is traced, the others (of a composite key) only need to be never NULL.
     */
    Key topLevel(PlainSelect top, Scope scope, List<String> keyColumns) throws SQLException {
        String keyColumn = keyColumns.get(0);
        Key key = find(top, scope, keyColumn);
        checkDistinctOn(top, scope, key.column(), keyColumn);
        if (key.column() != null) {
            checkNotNullExtended(top, scope, key.column(), keyColumn);
        }
        if (keyColumns.size() > 1 || key.expression() != null) {
            for (String part : keyColumns) {
                checkPartNotNull(top, scope, part);
            }
        }
        return key;
    }

    /** The position of the key column in the first branch of a UNION ALL, named before any {@code *}. */
    static int unionPosition(PlainSelect first, String keyColumn) throws TviewsException {
        for (int i = 0; i < first.getSelectItems().size(); i++) {
            SelectItem<?> item = first.getSelectItems().get(i);
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                break;
            }
            if (keyColumn.equals(outputName(item))) {
                return i;
            }
        }
        throw Refusal.UNION_ALL_KEY_AFTER_STAR.refuse("the key column " + keyColumn + " of the UNION ALL is not named in "
                + "its first branch's select list before any *");
    }

    /** The key of one UNION ALL branch: the source column at the key's {@code position}. */
    ColumnRef unionBranch(PlainSelect branch, int position, Scope scope, String keyColumn) throws TviewsException {
        Expression e = position < branch.getSelectItems().size()
                ? unwrap(branch.getSelectItems().get(position).getExpression()) : null;
        ColumnRef key = e instanceof Column c ? scope.resolve(c) : null;
        if (key == null) {
            throw Refusal.UNION_ALL_KEY_NOT_A_COLUMN.refuse("the key column " + keyColumn + " is "
                    + (e == null ? "missing" : "computed (" + e + ")") + " in the branch " + branch + " of the UNION "
                    + "ALL");
        }
        checkDistinctOn(branch, scope, key, keyColumn);
        checkNotNullExtended(branch, scope, key, keyColumn);
        return key;
    }

    private Key find(PlainSelect top, Scope scope, String keyColumn) throws TviewsException {
        for (SelectItem<?> item : top.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns all) {
                Scope.Member m = scope.member(normalize(all.getTable().getName()));
                if (m != null && m.columnNames().contains(keyColumn)) {
                    return column(m.column(keyColumn), keyColumn, "*");
                }
                continue;
            }
            if (e instanceof AllColumns) {
                for (Scope.Member m : scope.members()) {
                    if (m.columnNames().contains(keyColumn)) {
                        return column(m.column(keyColumn), keyColumn, "*");
                    }
                }
                continue;
            }
            if (keyColumn.equals(outputName(item))) {
                if (!(unwrap(e) instanceof Column c)) {
                    return new Key(null, expression(e, scope).orElseThrow(() -> Refusal.KEY_COMPUTED.refuse("the key "
                            + "column " + keyColumn + " is computed (" + e + ") from more than the columns of one source "
                            + "row (an aggregate, a subquery, several tables)")));
                }
                return column(scope.resolve(c), keyColumn, e.toString());
            }
        }
        throw Refusal.NO_KEY_COLUMN.refuse("the SELECT list has no column " + keyColumn + " to use as the key");
    }

    private static Key column(ColumnRef ref, String keyColumn, String expression) throws TviewsException {
        if (ref == null) {
            throw Refusal.KEY_NOT_TRACEABLE.refuse("the key column " + keyColumn + " (" + expression
                    + ") does not come from a table column the analysis can trace");
        }
        return new Key(ref, null);
    }

    /**
     * An expression over the columns of one occurrence (no aggregate, window function or subquery),
     * rewritten so that the triggers can evaluate it on a changed row of that occurrence.
     */
    private static Optional<KeyExpression> expression(Expression e, Scope scope) {
        Expression copy;
        try {
            copy = CCJSqlParserUtil.parseExpression(e.toString());
        } catch (JSQLParserException | RuntimeException ex) {
            return Optional.empty();
        }
        List<ColumnRef> refs = new ArrayList<>();
        boolean[] opaque = {false};
        copy.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column c, S context) {
                ColumnRef ref = scope.resolve(c);
                refs.add(ref);
                if (ref != null) {
                    c.setTable(new Table(KeyExpression.ALIAS));
                    c.setColumnName(Identifiers.quote(ref.column()));
                }
                return null;
            }

            @Override
            public <S> Void visit(Select select, S context) {
                opaque[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                opaque[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(Function f, S context) {
                if (f.isAllColumns() || f.getName() != null && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
                    opaque[0] = true;
                    return null;
                }
                return super.visit(f, context);
            }
        }, null);
        if (opaque[0] || refs.isEmpty() || refs.contains(null)) {
            return Optional.empty();
        }
        Occurrence o = refs.get(0).occurrence();
        if (o.limited() || refs.stream().anyMatch(r -> r.occurrence() != o)) {
            return Optional.empty();
        }
        return Optional.of(new KeyExpression(o, copy.toString(),
                refs.stream().map(ColumnRef::column).distinct().toList()));
    }

    /** Top-level DISTINCT ON picks one row per distinct value: exact only when the key is one of them. */
    private static void checkDistinctOn(PlainSelect top, Scope scope, ColumnRef key, String keyColumn) throws TviewsException {
        if (!hasDistinctOn(top)) {
            return;
        }
        for (SelectItem<?> on : top.getDistinct().getOnSelectItems()) {
            if (unwrap(on.getExpression()) instanceof Column c && (key != null && key.equals(scope.resolve(c))
                    || c.getTable() == null && keyColumn.equals(normalize(c.getColumnName())))) {
                return;
            }
        }
        throw Refusal.DISTINCT_ON_WITHOUT_KEY.refuse("DISTINCT ON (" + top.getDistinct().getOnSelectItems() + ") picks "
                + "one row among rows of several keys, so a change to one key's row can bring in or drop another key's "
                + "row", keyColumn);
    }

    /**
     * A key an outer join can null-extend yields rows without a key, which a tv table cannot
     * hold; refused unless the top-level WHERE says {@code key IS NOT NULL}.
     */
    private void checkNotNullExtended(PlainSelect top, Scope scope, ColumnRef key, String keyColumn)
            throws TviewsException {
        if (!nullable.contains(key.occurrence().id()) || isNotNullInWhere(top.getWhere(), scope, key)) {
            return;
        }
        throw Refusal.KEY_NULL_EXTENDED.refuse("the key column " + keyColumn + " comes from " + key.occurrence()
                + ", which an outer join (LEFT, RIGHT or FULL) can null-extend, giving rows without a key that a tv "
                + "table cannot hold", key.occurrence().alias(), key.column());
    }

    /**
     * A part of a composite or computed key must never be NULL (it is part of the tv table's primary
     * key): every column it reads is NOT NULL in its table and not null-extended by an outer join, or
     * the top-level WHERE says {@code column IS NOT NULL}. An expression over such columns is taken
     * as non-NULL, as the strict built-ins used for grouping (date_trunc, casts, extract) are.
     */
    private void checkPartNotNull(PlainSelect top, Scope scope, String part) throws SQLException {
        Expression e = null;
        for (SelectItem<?> item : top.getSelectItems()) {
            if (part.equals(outputName(item))) {
                e = item.getExpression();
                break;
            }
        }
        List<ColumnRef> refs = new ArrayList<>();
        if (e == null) {
            ColumnRef star = scope.resolve(null, part);
            if (star != null) {
                refs.add(star);
            }
        } else {
            e.accept(new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column c, S context) {
                    refs.add(scope.resolve(c));
                    return null;
                }
            }, null);
        }
        for (ColumnRef ref : refs) {
            if (ref == null || nullable.contains(ref.occurrence().id())
                    || !catalog.notNullColumns(ref.occurrence().relation().oid()).contains(ref.column())) {
                if (ref != null && isNotNullInWhere(top.getWhere(), scope, ref)) {
                    continue;
                }
                throw Refusal.NULLABLE_KEY_COLUMN.refuse("the key column " + part + " reads "
                        + (ref == null ? "a column the analysis cannot trace" : ref + " of " + ref.occurrence())
                        + ", which can be NULL" + (ref != null && nullable.contains(ref.occurrence().id())
                        ? " (an outer join null-extends it)" : "") + ", and a column of a composite or computed key "
                        + "cannot hold NULL", ref == null ? part : ref);
            }
        }
    }

    /** Whether a conjunct of {@code where} is {@code key IS NOT NULL}. */
    private static boolean isNotNullInWhere(Expression where, Scope scope, ColumnRef key) {
        if (where == null) {
            return false;
        }
        Expression bare = unwrap(where);
        if (bare instanceof AndExpression and) {
            return isNotNullInWhere(and.getLeftExpression(), scope, key)
                    || isNotNullInWhere(and.getRightExpression(), scope, key);
        }
        return bare instanceof IsNullExpression isNull && isNull.isNot()
                && unwrap(isNull.getLeftExpression()) instanceof Column c && key.equals(scope.resolve(c));
    }
}
