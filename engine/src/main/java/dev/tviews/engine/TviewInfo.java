package dev.tviews.engine;

import java.util.List;

/**
 * A TVIEW as the catalog records it.
 *
 * @param table     the tv_* table, schema-qualified as PostgreSQL prints it
 * @param keyColumn its key
 * @param depth     1 over tables, more when it reads other TVIEWs
 * @param sources   every relation it reads, with how changes there map to keys
 */
public record TviewInfo(String table, String keyColumn, int depth, List<Source> sources) {

    /** A relation the TVIEW reads and the mapping kinds of its occurrences. */
    public record Source(String relation, List<String> kinds) {
    }
}
