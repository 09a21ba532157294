package dev.tviews.engine.analysis;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;

import java.util.ArrayList;
import java.util.List;

import static dev.tviews.engine.analysis.SelectSyntax.unwrap;

/**
 * The column equalities that link two occurrences, the edges of the {@link QueryGraph}: from ON and
 * WHERE conjuncts, {@code JOIN … USING}, and {@code column IN (SELECT column …)}. Kept in the order
 * the definition is read, which the key mapping's choice among equally short paths depends on.
 */
final class JoinEdges {

    private final List<Edge> edges = new ArrayList<>();

    /**
     * Whether the conjunct {@code e} is an equality of two columns; its edge is recorded when both
     * sides resolve to columns of different occurrences.
     */
    boolean equality(Expression e, Scope scope) {
        if (e instanceof EqualsTo eq
                && unwrap(eq.getLeftExpression()) instanceof Column l && unwrap(eq.getRightExpression()) instanceof Column r) {
            add(scope.resolve(l), scope.resolve(r));
            return true;
        }
        return false;
    }

    /** {@code JOIN right USING (column)}: the right item's column equals the first earlier member's. */
    void using(Scope scope, Scope.Member right, String column) {
        if (right == null) {
            return;
        }
        ColumnRef r = right.column(column);
        for (Scope.Member m : scope.members()) {
            if (m != right && m.columnNames().contains(column)) {
                add(m.column(column), r);
                return;
            }
        }
    }

    /** {@code column IN (SELECT column …)}, read in {@code outer} with the subquery's scope {@code inner}. */
    void in(InExpression in, ParenthesedSelect sub, Scope outer, Scope inner) {
        if (!in.isNot() && unwrap(in.getLeftExpression()) instanceof Column left
                && sub.getSelect() instanceof PlainSelect ps && ps.getSelectItems().size() == 1
                && ps.getSelectItems().get(0).getExpression() instanceof Column right) {
            add(outer.resolve(left), inner.resolve(right));
        }
    }

    /** How many edges there are; {@link #truncate} returns to it. */
    int size() {
        return edges.size();
    }

    /** Forgets the edges recorded after the first {@code size}, when a part of the definition is read again. */
    void truncate(int size) {
        edges.subList(size, edges.size()).clear();
    }

    List<Edge> list() {
        return List.copyOf(edges);
    }

    private void add(ColumnRef a, ColumnRef b) {
        if (a != null && b != null && a.occurrence() != b.occurrence()) {
            edges.add(new Edge(a, b));
        }
    }
}
