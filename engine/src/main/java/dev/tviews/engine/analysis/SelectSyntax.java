package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.sql.SqlState;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsing side of the analysis: a definition read with JSqlParser into one {@link Select}, and
 * what its syntax alone tells (set operations, window functions, DISTINCT ON, names as PostgreSQL
 * folds them), before any name is resolved.
 */
public final class SelectSyntax {

    private SelectSyntax() {
    }

    /** Parses {@code sql}, which must be exactly one SELECT, or fails with SQLSTATE 42601. */
    public static Select parse(String sql) throws TviewsException {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql);
        } catch (JSQLParserException | RuntimeException e) {
            // PostgreSQL has accepted the definition by now: this is the engine's parser falling short.
            throw Refusal.NOT_PARSEABLE.refuse("the engine's SQL parser (JSqlParser) cannot read this definition, which "
                    + "PostgreSQL accepts" + parserPosition(e, sql) + " (" + firstLine(e) + ")");
        }
        List<Statement> list = statements.getStatements();
        if (list.size() != 1 || !(list.get(0) instanceof Select select)) {
            throw new TviewsException(SqlState.SYNTAX_ERROR, "a TVIEW is defined by exactly one SELECT, but "
                    + "the definition has " + list.size() + " statement(s)"
                    + (list.isEmpty() ? "" : ", the first a " + list.get(0).getClass().getSimpleName()));
        }
        return select;
    }

    /** The branches of a UNION ALL of plain SELECTs (parenthesised or not); null for any other shape. */
    static List<PlainSelect> unionAll(Select select) {
        if (!(select instanceof SetOperationList list) || list.getLimit() != null || list.getOffset() != null
                || list.getFetch() != null || list.getWithItemsList() != null || list.getOperations().stream()
                .anyMatch(op -> !op.toString().replaceAll("\\s+", " ").equalsIgnoreCase("UNION ALL"))) {
            return null;
        }
        List<PlainSelect> branches = new ArrayList<>();
        for (Select branch : list.getSelects()) {
            Select b = branch instanceof ParenthesedSelect p ? p.getSelect() : branch;
            if (!(b instanceof PlainSelect ps)) {
                return null;
            }
            branches.add(ps);
        }
        return branches;
    }

    static String setOperation(Select select) {
        if (select instanceof SetOperationList list) {
            return "a " + list.getOperations().stream().map(Object::toString).distinct()
                    .collect(java.util.stream.Collectors.joining("/")) + " of " + list.getSelects().size() + " SELECTs";
        }
        if (select instanceof Values) {
            return "a VALUES list";
        }
        return "a " + select.getClass().getSimpleName();
    }

    static String parserPosition(Exception e, String sql) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof net.sf.jsqlparser.parser.ParseException pe && pe.currentToken != null
                && pe.currentToken.next != null) {
            return " at line " + pe.currentToken.next.beginLine + ", column " + pe.currentToken.next.beginColumn;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)")
                .matcher(String.valueOf(cause.getMessage()));
        return m.find() ? " at line " + m.group(1) + ", column " + m.group(2) : "";
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static boolean hasWindowFunction(PlainSelect select) {
        boolean[] found = {false};
        for (SelectItem<?> item : select.getSelectItems()) {
            item.getExpression().accept(new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(AnalyticExpression a, S context) {
                    // JSqlParser also reads agg(x) FILTER (…) and WITHIN GROUP (…) as analytic expressions;
                    // an empty OVER () is a window all the same (the type tells them apart).
                    if (isWindow(a)) {
                        found[0] = true;
                    }
                    return null;
                }
            }, null);
        }
        return found[0];
    }

    /** Whether {@code a} is a window function call (OVER …), not an aggregate with FILTER or WITHIN GROUP only. */
    static boolean isWindow(AnalyticExpression a) {
        return a.getType() == AnalyticType.OVER || a.getType() == AnalyticType.WITHIN_GROUP_OVER
                || a.getWindowElement() != null || a.getPartitionExpressionList() != null
                || a.getOrderByElements() != null || a.getWindowName() != null;
    }

    /** The name a select-list item gives its column: its alias, or the name of the column it is; null otherwise. */
    static String outputName(SelectItem<?> item) {
        return item.getAlias() != null ? normalize(item.getAlias().getName())
                : item.getExpression() instanceof Column c ? normalize(c.getColumnName()) : null;
    }

    static boolean hasDistinctOn(PlainSelect select) {
        return select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null;
    }

    static Expression unwrap(Expression e) {
        Expression current = e;
        while (true) {
            if (current instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                current = list.get(0);
            } else {
                return current;
            }
        }
    }

    /** PostgreSQL's identifier rules: unquoted names fold to lower case, quoted ones are kept. */
    public static String normalize(String identifier) {
        if (identifier == null) {
            return null;
        }
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }
}
