package dev.tviews.checker.generate;

import java.util.List;

/**
 * A foreign key: {@code child(columns)} references {@code parent(parentColumns)}.
 *
 * @param onDelete pg_constraint.confdeltype: {@code a} no action, {@code r} restrict, {@code c} cascade,
 *                 {@code n} set null, {@code d} set default
 * @param onUpdate the same for updates of the referenced columns
 */
public record ForeignKeyModel(String name, String child, List<String> columns, String parent,
                              List<String> parentColumns, char onDelete, char onUpdate, boolean deferrable) {

    public ForeignKeyModel {
        columns = List.copyOf(columns);
        parentColumns = List.copyOf(parentColumns);
    }

    /** Deleting a referenced parent fails (at once or at the end of the statement) while children exist. */
    public boolean blocksDelete() {
        return onDelete == 'a' || onDelete == 'r';
    }

    /** Changing a referenced parent key fails while children exist. */
    public boolean blocksUpdate() {
        return onUpdate == 'a' || onUpdate == 'r';
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
