package dev.tviews.checker.generate;

import java.util.List;

/**
 * A link from {@code child(columns)} to {@code parent(parentColumns)}: a foreign key, or a soft link
 * that no constraint enforces (a plain column the scenario or the naming convention ties to a
 * parent), whose values may dangle.
 *
 * @param onDelete pg_constraint.confdeltype: {@code a} no action, {@code r} restrict, {@code c} cascade,
 *                 {@code n} set null, {@code d} set default
 * @param onUpdate the same for updates of the referenced columns
 * @param enforced a foreign-key constraint: values never dangle, and its actions apply
 */
public record ForeignKeyModel(String name, String child, List<String> columns, String parent,
                              List<String> parentColumns, char onDelete, char onUpdate, boolean deferrable,
                              boolean enforced) {

    public ForeignKeyModel {
        columns = List.copyOf(columns);
        parentColumns = List.copyOf(parentColumns);
    }

    /** A link without a constraint: nothing is refused, nothing cascades. */
    public static ForeignKeyModel soft(String child, String column, String parent, String parentColumn) {
        return new ForeignKeyModel("soft link " + child + "." + column, child, List.of(column), parent,
                List.of(parentColumn), 'a', 'a', false, false);
    }

    /** Deleting a referenced parent fails (at once or at the end of the statement) while children exist. */
    public boolean blocksDelete() {
        return enforced && (onDelete == 'a' || onDelete == 'r');
    }

    /** Changing a referenced parent key fails while children exist. */
    public boolean blocksUpdate() {
        return enforced && (onUpdate == 'a' || onUpdate == 'r');
    }

    public String describeOnDelete() {
        return switch (onDelete) {
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            case 'r' -> "RESTRICT";
            default -> "NO ACTION";
        };
    }
}
