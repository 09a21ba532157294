package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;

/**
 * One command may update the same row twice (a writable CTE moves a product, and the DELETE's
 * ON DELETE SET NULL updates it again): the statement trigger then sees two old and two new
 * images of one key. Found by the consistency checker; pruning must not let the intermediate
 * image cancel the real change.
 */
@Schema("ecommerce")
class RowUpdatedTwiceInOneCommandTest {

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void bothImagesOfTheRowAreMapped(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.create("tv_category_count", "SELECT c.pk_category, count(p.pk_product) AS products "
                + "FROM tb_category c LEFT JOIN tb_product p ON p.fk_category = c.pk_category GROUP BY c.pk_category");
        db.exec("INSERT INTO tb_supplier (pk_supplier, name) VALUES (9, 'gone soon')",
                "INSERT INTO tb_product (pk_product, name, price_current, fk_category, fk_supplier) "
                        + "VALUES (90, 'moved twice', 1, 1, 9)");
        db.exec("WITH moved AS (UPDATE tb_product SET fk_category = 2 WHERE pk_product = 90 RETURNING 1) "
                + "DELETE FROM tb_supplier WHERE pk_supplier = 9");
        db.assertFresh("tv_category_count");
    }
}
