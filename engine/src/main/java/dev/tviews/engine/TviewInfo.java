package dev.tviews.engine;

import java.util.List;
import java.util.Optional;

/**
 * A TVIEW as the catalog records it.
 *
 * @param table     the tv_* table, schema-qualified as PostgreSQL prints it
 * @param keyColumn its key
 * @param depth     1 over tables, more when it reads other TVIEWs
 * @param sources   every relation it reads, with how changes there map to keys
 * @param id        the index on its {@code id} column; empty when it has none (no such column)
 */
public record TviewInfo(String table, String keyColumn, int depth, List<Source> sources, Optional<IdIndex> id) {

    /** A relation the TVIEW reads and the mapping kinds of its occurrences. */
    public record Source(String relation, List<String> kinds) {
    }

    /**
     * The index the engine keeps on {@code id}.
     *
     * @param name   the index's name (and its constraint's, when unique), in the tv table's schema
     * @param unique whether it is a unique constraint, checked at commit; otherwise a plain index
     * @param reason why: the source constraint that proves id unique, the {@code uniqueId} option,
     *               or what keeps id from being proven unique
     */
    public record IdIndex(String name, boolean unique, String reason) {
    }
}
