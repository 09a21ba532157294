package dev.tviews.engine.analysis;

import dev.tviews.engine.SqlState;
import dev.tviews.engine.TviewsException;

/**
 * A shape the analysis cannot trace to keys, as a whole: a change to any source may change any
 * row (top-level window functions, LIMIT, UNION, WITH RECURSIVE, a clause the SQL parser cannot
 * read). Refused (0A000) with {@code advice}, unless the TVIEW declares fullRefreshOnUntraceable,
 * in which case every change of a source refreshes the whole TVIEW, which is exact.
 */
public final class Untraceable extends TviewsException {

    private final String reason;

    public Untraceable(String reason, String advice) {
        super(SqlState.FEATURE_NOT_SUPPORTED, reason + "; " + advice + ", or declare fullRefreshOnUntraceable to refresh the "
                + "whole TVIEW on every change of a source");
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
