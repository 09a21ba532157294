package dev.tviews.engine;

import dev.tviews.database.freshness.StaleRow;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.Session;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of lock protocol v2 (docs/engine.md, "Concurrent writers"), each as a deterministic
 * two-session interleaving at READ COMMITTED: with the protocol the later session waits and every
 * TVIEW is exact afterwards; with the protocol off ({@code tviews.locking = off}) the same
 * interleaving leaves a stale row. Freshness is judged by the shared oracle ({@code FreshnessCheck})
 * between the table and its SELECT, written here, not by the engine's own verify.
 */
@Schema("social")
class LockProtocolTest {

    /** Teams and members without foreign keys; each team has members 10+t and 20+t. */
    private static final String[] ROSTER = {
            "CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE tb_member (pk_member int PRIMARY KEY, name text NOT NULL, fk_team int)",
            "CREATE INDEX ON tb_member (fk_team)",
            "INSERT INTO tb_team SELECT t, 'team ' || t FROM generate_series(1, 4) t",
            "INSERT INTO tb_member SELECT 10 + t, 'first of ' || t, t FROM generate_series(1, 4) t",
            "INSERT INTO tb_member SELECT 20 + t, 'second of ' || t, t FROM generate_series(1, 4) t"};
    /** Each team with its members' names, in a deterministic order. */
    private static final String TV_TEAM_NAMES = "SELECT t.pk_team, jsonb_build_object('name', t.name, 'members', "
            + "coalesce(jsonb_agg(m.name ORDER BY m.pk_member) FILTER (WHERE m.pk_member IS NOT NULL), '[]')) AS data "
            + "FROM tb_team t LEFT JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team, t.name";
    private static final String TV_MEMBER = "SELECT m.pk_member, m.fk_team, jsonb_build_object('name', m.name, "
            + "'team', t.name) AS data FROM tb_member m LEFT JOIN tb_team t ON t.pk_team = m.fk_team";
    /** A TVIEW over a TVIEW: each team with the documents of its tv_member rows. */
    private static final String TV_ROSTER = "SELECT t.pk_team, jsonb_build_object('name', t.name, 'members', "
            + "coalesce(jsonb_agg(tm.data ORDER BY tm.pk_member) FILTER (WHERE tm.pk_member IS NOT NULL), '[]')) AS data "
            + "FROM tb_team t LEFT JOIN tv_member tm ON tm.fk_team = t.pk_team GROUP BY t.pk_team, t.name";

    /** Result of one interleaving: whether B waited for A, and the rows left stale. */
    private record Outcome(boolean bWaited, long staleRows) {
    }

    private static Outcome race(TestDb db, String mode, boolean protocol, String[] a, String[] b,
                                String[][] tviews) throws Exception {
        db.exec("SELECT pg_tviews_install_" + mode + "_triggers()");
        boolean waited;
        try (Session sa = new Session(db.newConnection()); Session sb = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            if (!protocol) {
                sa.exec("SET tviews.locking = off");
                sb.exec("SET tviews.locking = off");
            }
            sa.begin("READ COMMITTED");
            sa.exec(a);
            sb.begin("READ COMMITTED");
            Future<Void> stepB = sb.start(b);
            waited = sb.awaitBlockedOrDone(stepB, monitor, Duration.ofSeconds(30));
            sa.commit();
            stepB.get(30, TimeUnit.SECONDS);
            sb.commit();
        }
        long stale = 0;
        for (String[] tv : tviews) {
            stale += stale(db, tv[0], tv[1]);
        }
        return new Outcome(waited, stale);
    }

    /** Copies of rows that the table or its definition lacks, by the shared freshness oracle. */
    static long stale(TestDb db, String table, String definition) throws SQLException {
        return db.staleRows(table, definition).stream().mapToLong(StaleRow::copies).sum();
    }

    private static void assertOutcome(boolean protocol, Outcome outcome) {
        if (protocol) {
            assertThat(outcome.bWaited()).as("with the protocol B waits for A").isTrue();
            assertThat(outcome.staleRows()).as("with the protocol every row is exact").isZero();
        } else {
            assertThat(outcome.staleRows()).as("without the protocol this interleaving leaves a stale row").isPositive();
        }
    }

    /**
     * Two bulk statements whose source rows are disjoint but whose keys overlap, reached in opposite
     * orders (A: team 1 then 2, B: team 2 then 1). Keys are locked in one sorted order, so B waits
     * for A once, instead of each holding one key the other needs (a deadlock).
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void bulkStatementsOverOverlappingKeysInOppositeOrders(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        db.create("tv_team_names", TV_TEAM_NAMES);
        Outcome outcome = race(db, mode, protocol,
                new String[] {"WITH a AS (UPDATE tb_member SET name = name || ' (A)' WHERE pk_member = 11 RETURNING 1) "
                        + "UPDATE tb_member SET name = name || ' (A)' WHERE pk_member = 12"},
                new String[] {"WITH b AS (UPDATE tb_member SET name = name || ' (B)' WHERE pk_member = 22 RETURNING 1) "
                        + "UPDATE tb_member SET name = name || ' (B)' WHERE pk_member = 21"},
                new String[][] {{"tv_team_names", TV_TEAM_NAMES}});
        assertOutcome(protocol, outcome);
    }

    /**
     * Row mode: a multi-row statement of A against a single-row writer B of one of its keys. Row
     * triggers queue keys; the statement trigger refreshes them once, in key order, so B waits.
     */
    @ParameterizedTest(name = "protocol on: {0}")
    @CsvSource({"true", "false"})
    void rowModeMultiRowStatementAgainstASingleRowWriter(boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        db.create("tv_team_names", TV_TEAM_NAMES);
        Outcome outcome = race(db, "row", protocol,
                new String[] {"UPDATE tb_member SET name = upper(name) WHERE pk_member IN (11, 12, 13, 14)"},
                new String[] {"INSERT INTO tb_member VALUES (99, 'newcomer of 3', 3)"},
                new String[][] {{"tv_team_names", TV_TEAM_NAMES}});
        assertOutcome(protocol, outcome);
    }

    /**
     * A composite key whose first column is computed (a member's initial, then its team): A and B
     * add members to the same group (F, 1). A locks the rows of key F, B waits for them and then
     * recomputes with A's member; without the protocol B writes the group without it.
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void twoWritersOfOneGroupOfAComputedCompositeKey(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        String byInitial = "SELECT upper(left(m.name, 1)) AS initial, m.fk_team, count(*) AS n, "
                + "jsonb_agg(m.name ORDER BY m.pk_member) AS names FROM tb_member m WHERE m.fk_team IS NOT NULL "
                + "GROUP BY upper(left(m.name, 1)), m.fk_team";
        db.tviews().create(new dev.tviews.engine.TviewDefinition("tv_initials", byInitial,
                dev.tviews.engine.TviewOptions.defaults().withKeyColumns(java.util.List.of("initial", "fk_team"))));
        Outcome outcome = race(db, mode, protocol,
                new String[] {"INSERT INTO tb_member VALUES (30, 'fa', 1)"},
                new String[] {"INSERT INTO tb_member VALUES (31, 'fb', 1)"},
                new String[][] {{"tv_initials", byInitial}});
        assertOutcome(protocol, outcome);
    }

    /**
     * A window partition that is NULL and empty: A and B each add a member without a team. Neither
     * sees the other's row and no key is shared, so only the partition's own lock (NULL locked as
     * text) makes B wait; without the protocol both rows count one member in the partition.
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void twoWritersEnteringOneEmptyNullWindowPartition(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        String ranked = "SELECT m.pk_member, rank() OVER (PARTITION BY m.fk_team ORDER BY m.name, m.pk_member) AS rnk, "
                + "count(*) OVER (PARTITION BY m.fk_team) AS size FROM tb_member m";
        db.create("tv_member_rank", ranked);
        Outcome outcome = race(db, mode, protocol,
                new String[] {"INSERT INTO tb_member VALUES (30, 'a', NULL)"},
                new String[] {"INSERT INTO tb_member VALUES (31, 'b', NULL)"},
                new String[][] {{"tv_member_rank", ranked}});
        assertOutcome(protocol, outcome);
    }

    /**
     * A cascade through a TVIEW over a TVIEW while its source moves: A moves a member from team 1 to
     * team 2; B renames team 2, which refreshes the tv_member rows of team 2 and, through them,
     * tv_roster. B's traversal waits for A's member, so both see it.
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void aCascadeThroughATviewOverATviewWhileItsSourceMoves(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        db.create("tv_member", TV_MEMBER);
        db.create("tv_roster", TV_ROSTER);
        Outcome outcome = race(db, mode, protocol,
                new String[] {"UPDATE tb_member SET fk_team = 2 WHERE pk_member = 11"},
                new String[] {"UPDATE tb_team SET name = 'renamed' WHERE pk_team = 2"},
                new String[][] {{"tv_member", TV_MEMBER}, {"tv_roster", TV_ROSTER}});
        assertOutcome(protocol, outcome);
    }

    /**
     * A key lock taken on a tv row whose holder deletes it: A deletes team 5 (its refresh deletes and
     * holds row 5); B adds a member to team 5 and waits on that row; after A commits the row is gone,
     * so B must lock key 5 the way refreshes that create a row do. C then re-creates team 5 and has to
     * wait for B, or it would build row 5 without B's member.
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void aKeyWhoseRowIsDeletedWhileAWriterWaitsOnIt(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        db.exec("INSERT INTO tb_team VALUES (5, 'team 5')");
        db.create("tv_team_names", TV_TEAM_NAMES);
        db.exec("SELECT pg_tviews_install_" + mode + "_triggers()");
        boolean bWaited;
        boolean cWaited;
        try (Session sa = new Session(db.newConnection()); Session sb = new Session(db.newConnection());
             Session sc = new Session(db.newConnection()); Connection monitor = db.newConnection()) {
            for (Session s : new Session[] {sa, sb, sc}) {
                if (!protocol) {
                    s.exec("SET tviews.locking = off");
                }
                s.begin("READ COMMITTED");
            }
            sa.exec("DELETE FROM tb_team WHERE pk_team = 5");
            Future<Void> stepB = sb.start("INSERT INTO tb_member VALUES (55, 'member of 5', 5)");
            bWaited = sb.awaitBlockedOrDone(stepB, monitor, Duration.ofSeconds(30));
            sa.commit();
            stepB.get(30, TimeUnit.SECONDS);
            Future<Void> stepC = sc.start("INSERT INTO tb_team VALUES (5, 'team 5 again')");
            cWaited = sc.awaitBlockedOrDone(stepC, monitor, Duration.ofSeconds(30));
            sb.commit();
            stepC.get(30, TimeUnit.SECONDS);
            sc.commit();
        }
        long stale = stale(db, "tv_team_names", TV_TEAM_NAMES);
        if (protocol) {
            assertThat(bWaited).as("B waits on the row A deleted").isTrue();
            assertThat(cWaited).as("C waits for B, which locked the key after the row was gone").isTrue();
            assertThat(stale).isZero();
        } else {
            assertThat(stale).as("without the protocol row 5 misses B's member").isPositive();
        }
    }

    /**
     * A child's key moves while its parent is renamed: A gives member 11 (team 1) a new key; B renames
     * team 1. B's traversal still sees member 11's old version, under its old key, so it would refresh
     * key 11 and never the new key 99, which A computed with the old name. A keeps its link value but
     * changes the column its keys are read from, so it locks the value as if the row entered it.
     * (Found by {@code check --sessions 8} in row mode on e-commerce: a product's key moved while its
     * supplier's id changed.)
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void aChildsKeyMovesWhileItsParentIsRenamed(String mode, boolean protocol, TestDb db) throws Exception {
        db.exec(ROSTER);
        db.create("tv_member", TV_MEMBER);
        Outcome outcome = race(db, mode, protocol,
                new String[] {"UPDATE tb_member SET pk_member = 99 WHERE pk_member = 11"},
                new String[] {"UPDATE tb_team SET name = 'renamed' WHERE pk_team = 1"},
                new String[][] {{"tv_member", TV_MEMBER}});
        assertOutcome(protocol, outcome);
    }

    /**
     * The same with a key that is not the row's own: teams list the cities of their members; A moves a
     * member to another team (its city stays); B renames that city. B reaches the member's old team only.
     */
    @ParameterizedTest(name = "{0} mode, protocol on: {1}")
    @CsvSource({"stmt, true", "stmt, false", "row, true", "row, false"})
    void aChildMovesToAnotherKeyWhileTheParentItKeepsIsRenamed(String mode, boolean protocol, TestDb db)
            throws Exception {
        db.exec(ROSTER);
        db.exec("CREATE TABLE tb_city (pk_city int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO tb_city VALUES (1, 'Lyon'), (2, 'Porto')",
                "ALTER TABLE tb_member ADD COLUMN fk_city int",
                "UPDATE tb_member SET fk_city = 1 + pk_member % 2",
                "CREATE INDEX ON tb_member (fk_city)");
        String tvTeamCities = "SELECT t.pk_team, jsonb_build_object('cities', coalesce(jsonb_agg(c.name ORDER BY m.pk_member) "
                + "FILTER (WHERE c.pk_city IS NOT NULL), '[]')) AS data FROM tb_team t "
                + "LEFT JOIN tb_member m ON m.fk_team = t.pk_team LEFT JOIN tb_city c ON c.pk_city = m.fk_city "
                + "GROUP BY t.pk_team";
        db.create("tv_team_cities", tvTeamCities);
        Outcome outcome = race(db, mode, protocol,
                new String[] {"UPDATE tb_member SET fk_team = 2 WHERE pk_member = 11"},
                new String[] {"UPDATE tb_city SET name = 'Lisbon' WHERE pk_city = 2"},
                new String[][] {{"tv_team_cities", tvTeamCities}});
        assertOutcome(protocol, outcome);
    }

    /** Writers of unrelated keys of one TVIEW never wait for each other, whatever their values hash to. */
    @Test
    void writersOfUnrelatedKeysDoNotWait(TestDb db) throws Exception {
        db.exec("CREATE TABLE tb_item (pk_item int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO tb_item SELECT i, 'item ' || i FROM generate_series(1, 2000) i");
        db.create("tv_item", "SELECT i.pk_item, jsonb_build_object('name', i.name) AS data FROM tb_item i");
        try (Session sa = new Session(db.newConnection()); Session sb = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            sa.begin("READ COMMITTED");
            // 200 keys: under the escalation threshold, so each is locked precisely.
            sa.exec("UPDATE tb_item SET name = name || '!' WHERE pk_item <= 200");
            sb.begin("READ COMMITTED");
            for (int key = 201; key <= 2000; key += 7) {
                Future<Void> step = sb.start("UPDATE tb_item SET name = name || '?' WHERE pk_item = " + key);
                assertThat(sb.awaitBlockedOrDone(step, monitor, Duration.ofSeconds(30)))
                        .as("a writer of key %d waits for a transaction that holds keys 1-200", key).isFalse();
                step.get(30, TimeUnit.SECONDS);
            }
            sa.commit();
            sb.commit();
        }
        assertThat(stale(db, "tv_item", "SELECT i.pk_item, jsonb_build_object('name', i.name) AS data FROM tb_item i"))
                .isZero();
    }

    /**
     * Link values beyond tviews.lock_escalation escalate to one class lock: a statement entering
     * 1,500 link values holds a handful of advisory locks, not thousands, and a concurrent
     * traversal of one of those values still waits for it. Without escalation the same statement
     * holds one lock per value.
     */
    @ParameterizedTest(name = "escalation threshold {0}")
    @CsvSource({"256", "100000"})
    void aStatementOverThousandsOfLinkValuesIsBounded(int threshold, TestDb db) throws Exception {
        db.exec("CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE tb_member (pk_member int PRIMARY KEY, name text NOT NULL, fk_team int)",
                "CREATE INDEX ON tb_member (fk_team)",
                "INSERT INTO tb_team SELECT t, 'team ' || t FROM generate_series(1, 1500) t");
        db.create("tv_member", TV_MEMBER);
        String tvMember = TV_MEMBER;
        try (Session sa = new Session(db.newConnection()); Session sb = new Session(db.newConnection());
             Connection monitor = db.newConnection()) {
            sa.exec("SET tviews.lock_escalation = " + threshold);
            sa.begin("READ COMMITTED");
            // 1,500 new members, one per team: each enters a distinct fk_team value.
            sa.exec("INSERT INTO tb_member SELECT t, 'member of ' || t, t FROM generate_series(1, 1500) t");
            long held = db.scalarLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = " + sa.pid());
            if (threshold < 1500) {
                assertThat(held).as("advisory locks held after escalation").isLessThan(50);
            } else {
                assertThat(held).as("advisory locks held without escalation").isGreaterThan(1500);
            }
            sb.begin("READ COMMITTED");
            Future<Void> rename = sb.start("UPDATE tb_team SET name = 'renamed' WHERE pk_team = 1234");
            assertThat(sb.awaitBlockedOrDone(rename, monitor, Duration.ofSeconds(30)))
                    .as("the traversal of team 1234 waits for the statement that entered it").isTrue();
            sa.commit();
            rename.get(30, TimeUnit.SECONDS);
            sb.commit();
        }
        assertThat(stale(db, "tv_member", tvMember)).isZero();
    }
}
