package dev.tviews.engine;

import dev.tviews.engine.analysis.Catalog;
import dev.tviews.engine.analysis.ColumnIndex;
import dev.tviews.engine.analysis.IdUniqueness;
import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static dev.tviews.sql.Identifiers.literal;
import static dev.tviews.sql.Identifiers.qualified;
import static dev.tviews.sql.Identifiers.quote;

/**
 * The index a tv table has on {@code id}, on creation and on every recompile.
 *
 * <p>Unique only where the sources prove it or the TVIEW asks for it, and then as a constraint
 * {@code DEFERRABLE INITIALLY DEFERRED}: within a statement and its cascades a tv table passes
 * through states its sources never show (a key that moved is inserted under its new key before
 * its old row is deleted), and an immediate unique index refused those writes. Checked at commit,
 * uniqueness only sees the state the sources are in then. The refresh's {@code ON CONFLICT} names
 * the key, whose primary key stays immediate, so the deferred constraint is never an arbiter.
 *
 * <p>The engine marks the index it owns with a comment; an index a user adds on {@code id} is
 * left alone. A table compiled by an engine before this one has an unmarked immediate unique
 * index (a plain one when partitioned): that one is the engine's, and keeps its uniqueness.
 */
final class IdIndexBuilder {

    /** Prefix of the comment on the engine's own index on id. */
    static final String MARK = "tviews: ";

    private final Connection c;
    private final Catalog catalog;

    IdIndexBuilder(Connection c, Catalog catalog) {
        this.c = c;
        this.catalog = catalog;
    }

    /** What the index on id should be, why, and what a user could do about a plain one (may be empty). */
    record Decision(boolean unique, String reason, String hint) {
    }

    /**
     * Unique when proven or asked for; never on a partitioned table, whose unique indexes must
     * contain the partition column (which would make it unique per partition value only).
     */
    static Decision decide(String tv, IdUniqueness proof, boolean requested, Optional<Partitioning> partitioning)
            throws TviewsException {
        if (partitioning.isPresent()) {
            if (requested) {
                throw new TviewsException(SqlState.FEATURE_NOT_SUPPORTED, "cannot make id of " + tv
                        + " unique: it is partitioned on " + partitioning.get().column() + ", and a unique index "
                        + "of a partitioned table must contain the partition column; drop the option uniqueId, or "
                        + "the partitioning");
            }
            return new Decision(false, "not unique: the table is partitioned on " + partitioning.get().column()
                    + ", and a unique index of a partitioned table must contain the partition column", "");
        }
        if (proof.proven()) {
            return new Decision(true, "unique, checked at commit: " + proof.reason(), "");
        }
        if (requested) {
            return new Decision(true, "unique, checked at commit, as the option uniqueId asks, though not proven: "
                    + proof.reason() + "; a transaction that leaves two rows with one id fails at commit", "");
        }
        return new Decision(false, "not unique: " + proof.reason(), "Create the TVIEW with the option uniqueId to "
                + "make id unique anyway; a transaction that leaves two rows with one id then fails at commit.");
    }

    /**
     * Whether a TVIEW compiled by an older engine (no uniqueId recorded) has its unmarked unique
     * index on id: an upgrade keeps that uniqueness, as if uniqueId had been asked for.
     */
    boolean hasUnmarkedUniqueIndex(long tvOid) throws SQLException {
        List<ColumnIndex> indexes = catalog.indexesOn(tvOid, IdUniqueness.COLUMN);
        return indexes.stream().noneMatch(IdIndexBuilder::marked)
                && enginesIndex(indexes).map(ColumnIndex::unique).orElse(false);
    }

    /**
     * Brings the tv table's index on id to the decided form, converting the engine's index in
     * place where it can (an immediate unique index becomes the deferred constraint without a
     * rebuild), and marks it with the reason. Emits a NOTICE when id is not unique.
     */
    TviewInfo.IdIndex apply(String schema, String table, long tvOid, Decision d) throws SQLException {
        String tv = qualified(schema, table);
        List<ColumnIndex> before = catalog.indexesOn(tvOid, IdUniqueness.COLUMN);
        Optional<ColumnIndex> mine = enginesIndex(before);
        String reason = d.reason();
        String name;
        if (mine.isPresent() && mine.get().referencedByForeignKey()) {
            // A foreign key needs its referenced index immediate and present: neither can change.
            name = mine.get().name();
            reason = (mine.get().unique() ? "unique, checked at each row," : "not unique,") + " as it was, because "
                    + "a foreign key references it (the engine would have made it " + d.reason() + ")";
        } else if (d.unique() && mine.filter(ColumnIndex::deferredUnique).isPresent()) {
            name = mine.get().name();
        } else if (d.unique() && mine.filter(i -> i.unique() && !i.constraint()).isPresent()) {
            name = mine.get().name();
            deferUniqueness(tv, name);
        } else if (!d.unique() && mine.filter(i -> !i.unique()).isPresent()) {
            name = mine.get().name();
        } else {
            if (mine.isPresent()) {
                // First, so that the new index can take its name.
                drop(tv, schema, mine.get());
            }
            List<ColumnIndex> others = catalog.indexesOn(tvOid, IdUniqueness.COLUMN);
            execute("CREATE " + (d.unique() ? "UNIQUE " : "") + "INDEX ON " + tv + " (" + quote(IdUniqueness.COLUMN) + ")");
            name = newIndex(tvOid, others);
            if (d.unique()) {
                deferUniqueness(tv, name);
            }
        }
        execute("COMMENT ON INDEX " + qualified(schema, name) + " IS " + literal(MARK + "index on id, "
                + reason));
        boolean unique = catalog.indexesOn(tvOid, IdUniqueness.COLUMN).stream()
                .anyMatch(i -> i.name().equals(name) && i.unique());
        if (!unique) {
            execute("DO " + dollarQuoted("BEGIN RAISE NOTICE USING MESSAGE = " + literal("the index on " + schema + "."
                    + table + ".id is " + reason) + (d.hint().isEmpty() ? "" : ", HINT = " + literal(d.hint()))
                    + "; END"));
        }
        return new TviewInfo.IdIndex(name, unique, reason);
    }

    /**
     * Fails now, naming the rows, when a unique id that is not proven is already repeated; the
     * deferred constraint would only fail the commit.
     */
    void checkNoRepeatedId(String schema, String table, String keyColumn) throws SQLException {
        String tv = qualified(schema, table);
        String id = quote(IdUniqueness.COLUMN);
        try (Statement st = c.createStatement();
             // As text: not every key type has min and max.
             ResultSet rs = st.executeQuery("SELECT " + id + "::text, min(" + quote(keyColumn) + "::text), max("
                     + quote(keyColumn) + "::text) FROM " + tv + " WHERE " + id + " IS NOT NULL GROUP BY " + id
                     + " HAVING count(*) > 1 LIMIT 1")) {
            if (rs.next()) {
                throw new TviewsException(SqlState.UNIQUE_VIOLATION, "cannot make id of " + schema + "."
                        + table + " unique: the rows with " + keyColumn + " " + rs.getString(2) + " and "
                        + rs.getString(3) + " share the id " + rs.getString(1) + "; drop the option uniqueId, or make "
                        + "id unique in the sources");
            }
        }
    }

    private static boolean marked(ColumnIndex i) {
        return i.comment().filter(text -> text.startsWith(MARK)).isPresent();
    }

    /** The marked index; else, on a table compiled before the mark, the oldest one backing no constraint. */
    private static Optional<ColumnIndex> enginesIndex(List<ColumnIndex> indexes) {
        Optional<ColumnIndex> mine = indexes.stream().filter(IdIndexBuilder::marked).findFirst();
        return mine.isPresent() ? mine : indexes.stream().filter(i -> !i.constraint()).findFirst();
    }

    /** The unique index becomes a UNIQUE constraint checked at commit, in place: no rebuild. */
    private void deferUniqueness(String tv, String index) throws SQLException {
        execute("ALTER TABLE " + tv + " ADD UNIQUE USING INDEX " + quote(index) + " DEFERRABLE INITIALLY DEFERRED");
    }

    private void drop(String tv, String schema, ColumnIndex index) throws SQLException {
        execute(index.constraint() ? "ALTER TABLE " + tv + " DROP CONSTRAINT " + quote(index.name())
                : "DROP INDEX " + qualified(schema, index.name()));
    }

    /** The name PostgreSQL chose for the index just created: the one that was not there before. */
    private String newIndex(long tvOid, List<ColumnIndex> before) throws SQLException {
        List<String> old = before.stream().map(ColumnIndex::name).toList();
        return catalog.indexesOn(tvOid, IdUniqueness.COLUMN).stream().map(ColumnIndex::name)
                .filter(n -> !old.contains(n)).findFirst()
                .orElseThrow(() -> new SQLException("the index just created on id of relation " + tvOid + " vanished"));
    }

    /** {@code body} between dollar quotes whose tag it does not contain (names in it are the user's). */
    private static String dollarQuoted(String body) {
        String tag = "$tviews$";
        for (int n = 1; body.contains(tag); n++) {
            tag = "$tviews" + n + "$";
        }
        return tag + body + tag;
    }


    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
