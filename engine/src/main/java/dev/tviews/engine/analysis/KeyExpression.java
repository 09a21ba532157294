package dev.tviews.engine.analysis;

import java.util.List;

/**
 * A key computed from the columns of one occurrence ({@code date_trunc('day', o.created_at)}), as
 * the definition's GROUP BY computes it: the triggers evaluate it on changed rows, old and new.
 *
 * @param occurrence the occurrence whose columns it reads
 * @param template   the expression, each column written {@value #ALIAS}.column
 * @param columns    the columns it reads
 */
public record KeyExpression(Occurrence occurrence, String template, List<String> columns) {

    public static final String ALIAS = "tviews_key_alias";

    /** The expression over the row named {@code alias}. */
    public String sql(String alias) {
        return template.replace(ALIAS + ".", alias + ".");
    }

    @Override
    public String toString() {
        return sql(occurrence.alias());
    }
}
