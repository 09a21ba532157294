package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.sql.SqlState;

/**
 * A shape the analysis cannot trace to keys, as a whole: a change to any source may change any
 * row (top-level window functions, LIMIT, UNION, WITH RECURSIVE, a clause the SQL parser cannot
 * read). Refused (0A000) with its advice, unless the TVIEW declares fullRefreshOnUntraceable,
 * in which case every change of a source refreshes the whole TVIEW, which is exact. Made by
 * {@link Refusal#refuse}.
 */
public final class Untraceable extends TviewsException {

    private final Refusal refusal;
    private final String reason;

    Untraceable(Refusal refusal, String reason, String advice) {
        super(SqlState.FEATURE_NOT_SUPPORTED, reason + "; " + advice + ", or declare fullRefreshOnUntraceable to refresh "
                + "the whole TVIEW on every change of a source");
        this.refusal = refusal;
        this.reason = reason;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String reason() {
        return reason;
    }
}
