package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correct is not enough: refreshing every row would be correct too. A single-row change must
 * refresh exactly the keys it affects, counted by the engine's per-transaction figures.
 */
@Schema("ecommerce")
class PreciseKeysTest {

    private static RefreshStats afterOne(TestDb db, String tview, String write) throws SQLException {
        db.begin();
        try {
            db.exec(write);
            return db.stats(tview);
        } finally {
            db.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aReviewInsertRefreshesOneProduct(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("ecommerce");
        RefreshStats s = afterOne(db, "tv_product", "INSERT INTO tb_review (fk_product, rating) VALUES (2, 4)");
        assertThat(s.keysRefreshed()).isEqualTo(1);
        assertThat(s.rowsWritten()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aCategoryRenameRefreshesItsProducts(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("ecommerce");
        long k = db.scalarLong("SELECT count(*) FROM tb_product WHERE fk_category = 2");
        assertThat(k).isGreaterThan(1);
        RefreshStats s = afterOne(db, "tv_product", "UPDATE tb_category SET name = 'Renamed' WHERE pk_category = 2");
        assertThat(s.keysRefreshed()).isEqualTo(k);
        assertThat(s.rowsWritten()).isEqualTo(k);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void anUpdateOfAnUnreadColumnRefreshesNothing(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("ecommerce");
        RefreshStats s = afterOne(db, "tv_product", "UPDATE tb_product SET description = 'unread' WHERE pk_product < 10");
        assertThat(s.refreshes()).isZero();
        assertThat(s.keysRefreshed()).isZero();
        RefreshStats r = afterOne(db, "tv_product", "UPDATE tb_review SET body = 'unread' WHERE pk_review = 3");
        assertThat(r.keysRefreshed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aNoOpUpdateWritesNoTuple(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("ecommerce");
        db.begin();
        try {
            long before = tuplesWritten(db, "tv_product");
            db.exec("UPDATE tb_product SET price_current = price_current WHERE pk_product = 4",
                    "UPDATE tb_category SET name = name WHERE pk_category = 1");
            assertThat(db.stats("tv_product").keysRefreshed()).as("unchanged read columns skip the refresh").isZero();
            assertThat(tuplesWritten(db, "tv_product") - before).isZero();
        } finally {
            db.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aRefreshThatChangesNothingRewritesNoRow(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.createAll("ecommerce");
        // Products 2 and 5 are both in category 3: moving a review between them leaves its count alone.
        assertThat(db.scalar("SELECT string_agg(DISTINCT fk_category::text, ',') FROM tb_product "
                + "WHERE pk_product IN (2, 5)")).isEqualTo("3");
        long review = db.scalarLong("SELECT min(pk_review) FROM tb_review WHERE fk_product = 2");
        db.begin();
        try {
            long before = tuplesWritten(db, "tv_category");
            db.exec("UPDATE tb_review SET fk_product = 5 WHERE pk_review = " + review);
            RefreshStats s = db.stats("tv_category");
            assertThat(s.keysRefreshed()).as("the category was recomputed").isEqualTo(1);
            assertThat(s.rowsWritten()).isZero();
            assertThat(s.rowsUnchanged()).isEqualTo(1);
            assertThat(tuplesWritten(db, "tv_category") - before).isZero();
            assertThat(db.stats("tv_product").rowsWritten()).as("both products changed").isEqualTo(2);
        } finally {
            db.rollback();
        }
    }

    /** Tuples written to {@code table} and not yet reported: take differences within one transaction. */
    private static long tuplesWritten(TestDb db, String table) throws SQLException {
        return db.scalarLong("SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables "
                + "WHERE relid = '" + table + "'::regclass");
    }
}
