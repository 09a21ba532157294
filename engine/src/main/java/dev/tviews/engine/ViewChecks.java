package dev.tviews.engine;

import dev.tviews.engine.analysis.FunctionCheck;
import dev.tviews.engine.analysis.Relation;
import dev.tviews.engine.analysis.Refusal;
import dev.tviews.engine.analysis.RuleTree;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The checks PostgreSQL's tree of a definition gets, applied to the tree of each plain view it
 * reads: the backing view's own tree names a view as a relation and shows nothing of its body.
 */
final class ViewChecks {

    private ViewChecks() {
    }

    static void check(Connection c, TviewDefinition def, List<Relation> viewsRead) throws SQLException {
        for (Relation view : viewsRead) {
            RuleTree tree = RuleTree.of(c, view.oid());
            try {
                FunctionCheck.check(c, tree, def.name(), !def.options().extraSources().isEmpty());
            } catch (TviewsException e) {
                throw new TviewsException(TviewsException.bareMessage(e) + " (in the view " + view + " that "
                        + def.name() + " reads)", e);
            }
            if (tree.targetSrfs()) {
                throw Refusal.VIEW_SET_RETURNING_FUNCTION.refuse(def.name() + " reads the view " + view + ", which calls a "
                        + "set-returning function in a select list, turning one row into several with one key");
            }
        }
    }
}
