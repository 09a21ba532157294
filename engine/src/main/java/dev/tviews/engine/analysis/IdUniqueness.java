package dev.tviews.engine.analysis;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether the constraints of a definition's sources prove its {@code id} column unique over the
 * TVIEW's rows, and why, or why not, in words for a NOTICE.
 *
 * <p>The proof: the tv table has one row per key. When the key and {@code id} are plain columns
 * of the same occurrence of a relation, each row's key and id are the values of one row of that
 * relation; two rows of the TVIEW have different keys, so they come from different rows, whose
 * ids differ (or are NULL) when that relation has a unique constraint or index on exactly the id
 * column. Nothing else is needed: not that the key is the relation's own key, nor any join shape.
 *
 * @param proven whether the sources' constraints prove it
 * @param reason the constraint that proves it, or what the proof lacks
 */
public record IdUniqueness(boolean proven, String reason) {

    public static final String COLUMN = "id";

    /** Decides for the definition whose graph is {@code graph}, which has an output column {@code id}. */
    public static IdUniqueness of(QueryGraph graph, Catalog catalog) throws SQLException {
        ColumnRef id = graph.outputs().get(COLUMN);
        ColumnRef key = graph.key();
        if (key == null) {
            return new IdUniqueness(false, "the key is computed (" + graph.keyExpression() + "), so one row of "
                    + graph.keyExpression().occurrence().relation() + " does not stand behind each key");
        }
        if (!graph.branchKeys().isEmpty()) {
            return new IdUniqueness(false, "the definition is a UNION ALL, whose branches may repeat an id");
        }
        if (id == null) {
            return new IdUniqueness(false, "the definition computes id, or reads it through an expression, instead "
                    + "of selecting a column of a source table");
        }
        Occurrence from = id.occurrence();
        if (!from.equals(key.occurrence())) {
            return new IdUniqueness(false, "id is " + id + " of " + from + " but the key is " + key + " of "
                    + key.occurrence() + ", so one row of " + from.relation() + " may stand behind several keys");
        }
        if (catalog.hasInheritanceChildren(from.relation())) {
            return new IdUniqueness(false, from.relation() + " has inheritance children, whose rows its unique "
                    + "indexes do not cover");
        }
        Optional<String> constraint = catalog.uniqueConstraintOn(from.relation().oid(), id.column());
        return constraint.map(name -> new IdUniqueness(true, from.relation() + "." + id.column() + " is unique ("
                        + name + ") and comes from the same row as the key " + key))
                .orElseGet(() -> new IdUniqueness(false, from.relation() + "." + id.column() + " has no primary key, "
                        + "UNIQUE constraint or unique index on exactly that column (a partial or expression index "
                        + "proves nothing)"));
    }
}
