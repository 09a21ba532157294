package dev.tviews.engine.analysis;

import java.util.Optional;

/**
 * An index of a table on exactly one column (no predicate, no expressions).
 *
 * @param name                   its name, unqualified (it lives in its table's schema)
 * @param unique                 whether it is unique
 * @param immediate              whether uniqueness is checked at each row ({@code false}: deferrable)
 * @param constraint             whether it backs a UNIQUE constraint
 * @param referencedByForeignKey whether a foreign key references it, which needs it immediate
 * @param comment                its comment; the engine marks the index it owns on {@code id}
 */
public record ColumnIndex(String name, boolean unique, boolean immediate, boolean constraint,
                          boolean referencedByForeignKey, Optional<String> comment) {

    /** A unique constraint checked at commit: the form the engine gives a tv table's unique id. */
    public boolean deferredUnique() {
        return unique && !immediate && constraint;
    }
}
