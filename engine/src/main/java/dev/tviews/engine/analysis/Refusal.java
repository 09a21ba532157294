package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.sql.SqlState;

/**
 * Every definition shape the engine refuses, with what a user can do instead. A site that finds
 * one passes what it found (the reason, and the values the advice names); the wording of the
 * advice and whether a full-refresh policy lifts the refusal live here. Each constant is named
 * in a row of docs/engine.md's table "Which shapes are maintained" ({@code <!-- refusal: … -->}),
 * and {@code RefusalDocTest} keeps the two in step.
 */
public enum Refusal {

    // Shapes whose changes cannot be traced to keys at all: lifted by fullRefreshOnUntraceable.
    NOT_PARSEABLE(Lift.WHOLE_DEFINITION, "rewrite the clause at that position (e.g. a CASE for a PostgreSQL-only construct)"),
    SET_OPERATION(Lift.WHOLE_DEFINITION, "make one TVIEW per branch and read them through a plain view (CREATE VIEW v AS "
            + "SELECT … FROM tv_a UNION ALL SELECT … FROM tv_b)"),
    DERIVED_SET_OPERATION(Lift.WHOLE_DEFINITION, "make a TVIEW per branch and join those"),
    SUBQUERY_SET_OPERATION(Lift.WHOLE_DEFINITION, "make a TVIEW per branch"),
    TOP_LEVEL_LIMIT(Lift.WHOLE_DEFINITION, "keep the TVIEW unlimited and apply the limit when reading it (SELECT … FROM "
            + "tv_x ORDER BY … LIMIT n)"),
    UNPARTITIONED_WINDOW(Lift.WHOLE_DEFINITION, "partition each window by a source column (rank() OVER (PARTITION BY "
            + "p.fk_seller …)), compute it when reading the TVIEW (a plain view: SELECT t.*, rank() OVER (…) FROM tv_x t), "
            + "or in a correlated subquery over the rows linked to the key"),
    TOP_LEVEL_WINDOW(Lift.WHOLE_DEFINITION, "partition each window by a source column, compute them when reading the "
            + "TVIEW (a plain view: SELECT t.*, rank() OVER (PARTITION BY … ORDER BY …) FROM tv_x t), or in a correlated "
            + "subquery over the rows linked to the key"),
    UNION_ALL_COMPOSITE_KEY(Lift.WHOLE_DEFINITION, "key it by one column that every branch produces"),
    UNION_ALL_KEY_AFTER_STAR(Lift.WHOLE_DEFINITION, "list the columns of each branch explicitly"),
    UNION_ALL_BRANCH_NOT_PLAIN(Lift.WHOLE_DEFINITION, "make one TVIEW per such branch and read them through a plain "
            + "view (CREATE VIEW v AS SELECT … FROM tv_a UNION ALL SELECT … FROM tv_b)"),
    RECURSIVE_CTE(Lift.WHOLE_DEFINITION, "keep the recursion out of the TVIEW (a plain view over it)"),
    CTE_TOO_DEEP(Lift.WHOLE_DEFINITION, "simplify the WITH clause"),
    UNTRACEABLE_FROM_ITEM(Lift.WHOLE_DEFINITION, "use tables, subqueries, CTEs and functions"),
    SUBQUERY_NOT_PARENTHESISED(Lift.WHOLE_DEFINITION, "write it as (SELECT …)"),
    DISTINCT_ON_WITHOUT_KEY(Lift.WHOLE_DEFINITION, "put the key column %s into DISTINCT ON, or pick the row per key in a "
            + "correlated subquery (… ORDER BY … LIMIT 1)"),

    // One source relation whose changes cannot be traced to keys: lifted by fullRefreshOnUntraceable.
    WINDOW_PARTITION_UNLINKED(Lift.SOURCE, "link it with an equality in an ON or WHERE clause"),
    LIMITED_SOURCE(Lift.SOURCE, "pick the rows per key in a scalar subquery in the select list instead (… WHERE "
            + "<column> = <key column> ORDER BY … LIMIT n), whose equalities apply before the limit"),
    UNLINKED_SOURCE(Lift.SOURCE, "link it to the key with an equality in an ON or WHERE clause"),
    UNSEEN_SOURCE(Lift.SOURCE, "if a function reads it, declare it as an extra source of the TVIEW"),

    // Refused whatever the policy.
    UNION_ALL_KEY_NOT_A_COLUMN(Lift.NEVER, "each branch must produce the key as a column of a source table"),
    KEY_NULL_EXTENDED(Lift.NEVER, "join so that %1$s is kept (e.g. %1$s LEFT JOIN the others), or add WHERE %1$s.%2$s "
            + "IS NOT NULL"),
    KEY_COMPUTED(Lift.NEVER, "the key must be a column of a source table, or an expression over the columns of one "
            + "table that the definition groups by, e.g. date_trunc('day', o.created_at)"),
    NO_KEY_COLUMN(Lift.NEVER, "add it, or name the key column in the options"),
    KEY_COLUMN_NOT_SELECTED(Lift.NEVER, "add it to the SELECT list, or name the key column in the options"),
    KEY_NOT_TRACEABLE(Lift.NEVER, ""),
    NULLABLE_KEY_COLUMN(Lift.NEVER, "add WHERE %s IS NOT NULL to the definition, or declare the column NOT NULL"),
    SET_RETURNING_FUNCTION(Lift.NEVER, "aggregate its rows in a subquery instead, e.g. (SELECT jsonb_agg(e) FROM "
            + "jsonb_array_elements(…) AS e), or make a TVIEW keyed by the element"),
    TIME_OR_SESSION(Lift.NEVER, "compare with the time when reading the TVIEW (e.g. a plain view over it: WHERE "
            + "created_at > now() - interval '1 day'), or store the value in a source column"),
    VOLATILE_BUILTIN(Lift.NEVER, "compute it when reading the TVIEW, or store the value in a source column"),
    VOLATILE_FUNCTION(Lift.NEVER, "if it only reads tables, mark it STABLE (ALTER FUNCTION %s STABLE) and declare "
            + "those tables as extraSources of the TVIEW; if it reads none, mark it IMMUTABLE"),
    STABLE_FUNCTION(Lift.NEVER, "declare the tables it reads as extraSources of the TVIEW (a change to one refreshes "
            + "the whole TVIEW), or mark it IMMUTABLE if it reads none"),
    SECURITY_BARRIER_VIEW(Lift.NEVER, "make a TVIEW of its SELECT and read that, or read its tables directly"),
    VIEWS_NESTED_TOO_DEEP(Lift.NEVER, "read a view closer to the base tables"),
    VIEW_SET_RETURNING_FUNCTION(Lift.NEVER, "aggregate its rows in a subquery in the view instead, or read its tables"),
    VIEW_SOURCE(Lift.NEVER, "inline its SELECT into the definition, or make it a TVIEW"),
    MATERIALIZED_VIEW_SOURCE(Lift.NEVER, "make it a TVIEW"),
    PARTITION_SOURCE(Lift.NEVER, "read the partitioned table %s, whose every partition carries the triggers (a WHERE "
            + "on its partition key keeps the rows of this partition)"),
    INHERITANCE_SOURCE(Lift.NEVER, "make it a partitioned table (CREATE TABLE … PARTITION BY, then ATTACH PARTITION "
            + "each child) and read that; a write to any partition maintains the TVIEW"),
    FOREIGN_TABLE_SOURCE(Lift.NEVER, "copy its rows into a table"),
    UNOBSERVABLE_RELATION(Lift.NEVER, "");

    /**
     * What fullRefreshOnUntraceable does to a refusal: nothing; replace the analysis of the whole
     * definition by full refreshes; or fully refresh on changes of the one source that cannot be traced.
     */
    private enum Lift { NEVER, WHOLE_DEFINITION, SOURCE }

    private final Lift lift;
    private final String advice;

    Refusal(Lift lift, String advice) {
        this.lift = lift;
        this.advice = advice;
    }

    /** The advice, with the values it names filled in. */
    public String advice(Object... values) {
        return advice.formatted(values);
    }

    /**
     * The refusal of what {@code reason} describes, SQLSTATE 0A000: {@code "<reason>; <advice>"}. A
     * whole-definition refusal is an {@link Untraceable}, which the compiler turns into a full refresh
     * when the TVIEW declares that policy.
     */
    public TviewsException refuse(String reason, Object... adviceValues) {
        String told = advice.isEmpty() ? reason : reason + "; " + advice(adviceValues);
        return switch (lift) {
            case WHOLE_DEFINITION -> new Untraceable(this, reason, advice(adviceValues));
            case SOURCE -> new TviewsException(SqlState.FEATURE_NOT_SUPPORTED, told + ", or declare "
                    + "fullRefreshOnUntraceable to refresh the whole TVIEW when it changes");
            case NEVER -> new TviewsException(SqlState.FEATURE_NOT_SUPPORTED, told);
        };
    }
}
