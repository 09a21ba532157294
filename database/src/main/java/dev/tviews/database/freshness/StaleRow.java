package dev.tviews.database.freshness;

/**
 * A row that the read model and its definition hold a different number of times.
 *
 * @param surplus how many more times the definition has it than the read model: positive when the
 *                read model misses it, negative when the read model has it in excess
 * @param row     the row as JSON, over the definition's columns
 * @param key     the value of the first key column, as text (null when it is NULL)
 */
public record StaleRow(long surplus, String row, String key) {

    public StaleRow {
        if (surplus == 0) {
            throw new IllegalArgumentException("a stale row has a non-zero surplus; row " + row);
        }
    }

    /** True when the definition returns this row and the read model lacks it. */
    public boolean missing() {
        return surplus > 0;
    }

    /** How many copies differ, whichever side has them. */
    public long copies() {
        return Math.abs(surplus);
    }
}
