package dev.tviews.engine.analysis;

import net.sf.jsqlparser.statement.select.WithItem;

/** The CTEs visible at a point of the query, each with the CTEs its own body sees. */
record Ctes(Ctes outer, String name, Cte cte) {

    static final Ctes NONE = new Ctes(null, null, null);

    record Cte(WithItem<?> item, Ctes visible) {
    }

    Ctes with(String alias, WithItem<?> item) {
        return new Ctes(this, alias, new Cte(item, this));
    }

    Cte find(String alias) {
        for (Ctes c = this; c != null && c.name != null; c = c.outer) {
            if (c.name.equals(alias)) {
                return c.cte;
            }
        }
        return null;
    }
}
