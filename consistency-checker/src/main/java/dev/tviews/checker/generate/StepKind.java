package dev.tviews.checker.generate;

/** What a step does; runs count steps by kind, so a summary shows what a workload covered. */
public enum StepKind {
    BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT,

    /** One row, with NULL foreign keys sometimes, explicit keys sometimes (also keys of deleted rows). */
    INSERT,
    /** Several rows in one VALUES list. */
    INSERT_MANY,
    /** INSERT … ON CONFLICT on the key: DO UPDATE or DO NOTHING, on a new or an existing key. */
    UPSERT,
    /** COPY … FROM STDIN of several rows. */
    COPY,
    /** One row: one to three columns, foreign keys moved or set NULL, unique values replaced. */
    UPDATE,
    /** A column set to itself: the row is rewritten, nothing changes. */
    UPDATE_NOOP,
    /** A key column changed (cascading to children where the foreign key says so). */
    UPDATE_KEY,
    /** Many rows: the children of one parent, a key range or a key list; or all children moved to another parent. */
    UPDATE_MANY,
    /** One row, of a leaf or of a parent (with CASCADE / SET NULL to its children). */
    DELETE,
    /** Many rows: children of a parent, a key range or a key list. */
    DELETE_MANY,
    /** Two statements on two tables in one: WITH w AS (… RETURNING 1) … */
    WRITABLE_CTE,
    /** MERGE with matched-update, matched-delete and not-matched-insert branches (PostgreSQL 15+). */
    MERGE,
    /** TRUNCATE, with CASCADE when the table is referenced, sometimes RESTART IDENTITY. */
    TRUNCATE,
    /** Must fail: a foreign key pointing nowhere. */
    FAIL_FOREIGN_KEY,
    /** Must fail: a value another row already has in a unique column. */
    FAIL_UNIQUE,
    /** Must fail: NULL in a NOT NULL column. */
    FAIL_NOT_NULL,
    /** Must fail: deleting a parent that RESTRICT / NO ACTION children still reference. */
    FAIL_RESTRICT,
    /** Must fail: a multi-row insert whose last row violates a constraint, after good rows. */
    FAIL_LAST_ROW;

    public boolean isControl() {
        return ordinal() <= ROLLBACK_TO_SAVEPOINT.ordinal();
    }

    public boolean mustFail() {
        return name().startsWith("FAIL_");
    }
}
