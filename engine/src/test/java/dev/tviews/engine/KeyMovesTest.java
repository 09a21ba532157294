package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * No write that the source schema accepts is refused because of a tv table's own constraints: the
 * uniqueness of {@code id} holds at commit, not in the middle of a statement and its cascades, where
 * the row of a key that left may still hold the id that the row of a key that entered takes over.
 * Every case runs in both trigger modes and with batching, and is judged by a symmetric EXCEPT ALL
 * of each table against its SELECT.
 */
@Schema("social")
class KeyMovesTest {

    /** Accounts and items without foreign keys: an item may point to an account that does not exist (yet). */
    private static final String[] MARKET = {
            "CREATE TABLE tb_account (pk_account int PRIMARY KEY, id uuid NOT NULL UNIQUE, email text)",
            "CREATE TABLE tb_item (pk_item int PRIMARY KEY, id uuid NOT NULL UNIQUE, title text, fk_seller int NOT NULL)",
            "CREATE INDEX ON tb_item (fk_seller)",
            "INSERT INTO tb_account VALUES (1, 'a0000000-0000-0000-0000-000000000001', 'one@example.org'), "
                    + "(2, 'a0000000-0000-0000-0000-000000000002', 'two@example.org')",
            "INSERT INTO tb_item VALUES (10, 'b0000000-0000-0000-0000-000000000010', 'lamp', 2), "
                    + "(11, 'b0000000-0000-0000-0000-000000000011', 'desk', 5)"};
    private static final String TV_ITEM = "SELECT i.pk_item, i.id, i.fk_seller, "
            + "jsonb_build_object('title', i.title, 'seller', a.email) AS data "
            + "FROM tb_item i LEFT JOIN tb_account a ON a.pk_account = i.fk_seller";
    /** A TVIEW over a TVIEW. */
    private static final String TV_SELLER = "SELECT a.pk_account, a.id, jsonb_build_object('email', a.email, "
            + "'items', coalesce(jsonb_agg(ti.data ORDER BY ti.pk_item) FILTER (WHERE ti.pk_item IS NOT NULL), '[]')) AS data "
            + "FROM tb_account a LEFT JOIN tv_item ti ON ti.fk_seller = a.pk_account GROUP BY a.pk_account, a.id, a.email";

    private static void market(TestDb db, String mode) throws SQLException {
        db.exec(MARKET);
        db.create("tv_item", TV_ITEM);
        db.create("tv_seller", TV_SELLER);
        db.exec("SELECT pg_tviews_install_" + (mode.equals("row") ? "row" : "stmt") + "_triggers()");
    }

    /** Runs {@code statements} in one transaction (batched when the mode says so), which must commit. */
    private static void write(TestDb db, String mode, String... statements) throws SQLException {
        db.begin();
        if (mode.equals("batched")) {
            db.exec("SET LOCAL tviews.batch = on");
        }
        db.exec(statements);
        db.commit();
    }

    private static void assertExact(TestDb db) throws SQLException {
        assertThat(LockProtocolTest.stale(db, "tv_item", TV_ITEM)).as("tv_item").isZero();
        assertThat(LockProtocolTest.stale(db, "tv_seller", TV_SELLER)).as("tv_seller").isZero();
    }

    /** The reproduction: account 1 moves to key 5, which item 11 already points to. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stmt", "row", "batched"})
    void aKeyMovesOntoAValueChildrenAlreadyReference(String mode, TestDb db) throws SQLException {
        market(db, mode);
        assertThatCode(() -> write(db, mode, "UPDATE tb_account SET pk_account = 5 WHERE pk_account = 1"))
                .doesNotThrowAnyException();
        assertExact(db);
        assertThat(db.scalar("SELECT data->'items'->0->>'title' FROM tv_seller WHERE pk_account = 5")).isEqualTo("desk");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stmt", "row", "batched"})
    void twoRowsSwapTheirIdsInOneStatement(String mode, TestDb db) throws SQLException {
        market(db, mode);
        // The source accepts a swap when its uniqueness is checked at the end of the statement.
        db.exec("ALTER TABLE tb_account DROP CONSTRAINT tb_account_id_key, ADD UNIQUE (id) DEFERRABLE INITIALLY IMMEDIATE");
        assertThatCode(() -> write(db, mode, "UPDATE tb_account SET id = CASE pk_account "
                + "WHEN 1 THEN 'a0000000-0000-0000-0000-000000000002'::uuid ELSE 'a0000000-0000-0000-0000-000000000001'::uuid END "
                + "WHERE pk_account IN (1, 2)")).doesNotThrowAnyException();
        assertExact(db);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stmt", "row", "batched"})
    void aWritableCteMovesAKeyAndInsertsAChildOfTheNewKey(String mode, TestDb db) throws SQLException {
        market(db, mode);
        assertThatCode(() -> write(db, mode, "WITH moved AS (UPDATE tb_account SET pk_account = 7 WHERE pk_account = 2 "
                + "RETURNING pk_account) INSERT INTO tb_item SELECT 12, 'b0000000-0000-0000-0000-000000000012', 'chair', "
                + "pk_account FROM moved")).doesNotThrowAnyException();
        assertExact(db);
    }

    /** With a deferred foreign key, children may follow their parent's new key later in the transaction. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stmt", "row", "batched"})
    void aKeyMovesUnderADeferredForeignKey(String mode, TestDb db) throws SQLException {
        market(db, mode);
        db.exec("UPDATE tb_item SET fk_seller = 1 WHERE pk_item = 11",
                "ALTER TABLE tb_item ADD FOREIGN KEY (fk_seller) REFERENCES tb_account (pk_account) DEFERRABLE INITIALLY DEFERRED");
        assertThatCode(() -> write(db, mode, "UPDATE tb_account SET pk_account = 9 WHERE pk_account = 1",
                "INSERT INTO tb_account VALUES (1, 'a0000000-0000-0000-0000-000000000003', 'three@example.org')",
                "UPDATE tb_account SET id = 'a0000000-0000-0000-0000-000000000001' WHERE pk_account = 9",
                "UPDATE tb_item SET fk_seller = 9 WHERE pk_item = 11")).doesNotThrowAnyException();
        assertExact(db);
    }

    /** Uniqueness still holds where the sources break it: two accounts with one id fail at commit. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stmt", "row"})
    void aRepeatedIdIsStillRefusedAtCommit(String mode, TestDb db) throws SQLException {
        market(db, mode);
        db.exec("ALTER TABLE tb_account DROP CONSTRAINT tb_account_id_key");
        db.begin();
        db.exec("UPDATE tb_account SET id = 'a0000000-0000-0000-0000-000000000001' WHERE pk_account = 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(db::commit).hasMessageContaining("tv_seller_id_idx");
        db.rollback();
        assertExact(db);
    }
}
