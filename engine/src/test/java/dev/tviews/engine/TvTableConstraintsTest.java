package dev.tviews.engine;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write the source schema accepts is never refused because of a tv table's own constraints.
 * Inside a statement and its cascades a tv table passes through states the sources never show
 * (a key moved under a TVIEW over a TVIEW is first inserted under its new key, while its old row,
 * with the same id, is still there); each case here failed with 23505 on the tv table's unique
 * index on id before that uniqueness was deferred to commit. Each case runs in both trigger modes,
 * with and without batching, commits, and compares every TVIEW with its definition by a query of
 * its own (not only the engine's verify).
 */
@Schema("sellers")
class TvTableConstraintsTest {

    private static final Map<String, String> DEFINITIONS = Definitions.load("sellers");

    static Stream<Arguments> modes() {
        return Stream.of(TriggerMode.values()).flatMap(m -> Stream.of(Arguments.of(m, false), Arguments.of(m, true)));
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("modes")
    void aKeyMovedUnderATviewOverATview(TriggerMode mode, boolean batch, TestDb db) throws SQLException {
        setUp(db, mode);
        // Item 11 already names seller 5: the cascade from tv_item refreshes tv_seller key 5, with
        // account 1's id, before tb_account's own trigger deletes key 1.
        writeAndCommit(db, batch, "UPDATE tb_account SET pk_account = 5 WHERE pk_account = 1");
        assertExact(db);
        assertThat(db.scalar("SELECT data->'items'->0->>'title' FROM tv_seller WHERE pk_account = 5")).isEqualTo("desk");
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("modes")
    void twoRowsSwapTheirIdsInOneStatement(TriggerMode mode, boolean batch, TestDb db) throws SQLException {
        setUp(db, mode);
        writeAndCommit(db, batch, "UPDATE tb_item SET id = CASE pk_item "
                + "WHEN 10 THEN '00000000-0000-0000-0000-000000000011'::uuid "
                + "ELSE '00000000-0000-0000-0000-000000000010'::uuid END WHERE pk_item IN (10, 11)");
        assertExact(db);
        assertThat(db.scalar("SELECT id FROM tv_item WHERE pk_item = 10")).endsWith("11");
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("modes")
    void aWritableCteMovesAKeyAndInsertsAChildOfTheNewKey(TriggerMode mode, boolean batch, TestDb db)
            throws SQLException {
        setUp(db, mode);
        // Account 1 has no items, so whichever trigger fires first, the cascade reaches key 7 alone.
        writeAndCommit(db, batch, "WITH moved AS (UPDATE tb_account SET pk_account = 7 WHERE pk_account = 1 "
                + "RETURNING pk_account) INSERT INTO tb_item (pk_item, id, title, fk_seller) "
                + "SELECT 12, '00000000-0000-0000-0000-000000000012', 'chair', pk_account FROM moved");
        assertExact(db);
        assertThat(db.scalar("SELECT data->'items'->0->>'title' FROM tv_seller WHERE pk_account = 7")).isEqualTo("chair");
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("modes")
    void aDeferredForeignKeyLetsAChildComeBeforeItsParentsNewKey(TriggerMode mode, boolean batch, TestDb db)
            throws SQLException {
        setUp(db, mode);
        // The product names shop 5, which exists only once shop 3 (without products) takes that key;
        // the deferred foreign key is checked at commit. The cascade from tv_product reaches tv_shop
        // key 5 alone, while key 3's row, with the same id, is still there.
        writeAndCommit(db, batch, "INSERT INTO tb_product VALUES (22, '00000000-0000-0000-0000-000000000022', 'mug', 5)",
                "UPDATE tb_shop SET pk_shop = 5 WHERE pk_shop = 3");
        assertExact(db);
        assertThat(db.scalar("SELECT data->'products'->0->>'shop' FROM tv_shop WHERE pk_shop = 5")).isEqualTo("east");
    }

    private static void setUp(TestDb db, TriggerMode mode) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("sellers");
    }

    /** One transaction; a deferred check that fails would fail the commit, which the test then reports. */
    private static void writeAndCommit(TestDb db, boolean batch, String... statements) throws SQLException {
        db.begin();
        try {
            if (batch) {
                db.exec("SET LOCAL tviews.batch = on");
            }
            db.exec(statements);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /** Symmetric EXCEPT ALL between each tv table and its definition, then the engine's own verify. */
    private static void assertExact(TestDb db) throws SQLException {
        for (Map.Entry<String, String> d : DEFINITIONS.entrySet()) {
            db.assertSameRows(d.getKey(), d.getValue());
        }
        db.assertFresh(DEFINITIONS.keySet().toArray(String[]::new));
    }
}
