package dev.tviews.engine.analysis;

/** How changed rows of one occurrence lead to the TVIEW keys they affect (names as in pg_tviews). */
public enum MappingKind {
    /** The key is a column of the changed row itself (old and new values). */
    LOCAL,
    /** A chain of equalities links the changed row to the key, through the current state of the tables between. */
    MAPPED,
    /** The occurrence is another TVIEW's table: its refreshes cascade into this one. */
    TVIEW,
    /** Nothing selective links it: every key may be affected; only allowed with full-refresh policy. */
    ALL_KEYS
}
