package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's tv_product verbatim and a category read model with a derived table, in both trigger modes. */
@Schema("ecommerce")
class EcommerceShapesTest {

    private static List<String> setUp(TestDb db, TriggerMode mode) throws SQLException {
        db.tviews().setTriggerMode(mode);
        List<String> names = db.createAll("ecommerce");
        db.assertFresh(names.toArray(String[]::new));
        return names;
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void everyWriteOfTheMix(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        String[] all = names.toArray(String[]::new);
        db.exec("UPDATE tb_product SET price_current = price_current * 1.1 WHERE pk_product = 3");
        db.assertFresh(all);
        db.exec("UPDATE tb_inventory SET quantity_available = quantity_available - 1 WHERE fk_product = 4");
        db.assertFresh(all);
        db.exec("INSERT INTO tb_review (fk_product, rating, body) VALUES (5, 5, 'great')");
        db.assertFresh(all);
        db.exec("UPDATE tb_review SET rating = 1 WHERE pk_review = 10");
        db.assertFresh(all);
        db.exec("UPDATE tb_review SET fk_product = 16 WHERE pk_review = 11"); // a product with no reviews yet
        db.assertFresh(all);
        db.exec("UPDATE tb_category SET name = 'Board games' WHERE pk_category = 2");
        db.assertFresh(all);
        db.exec("DELETE FROM tb_product WHERE pk_product = 6"); // cascades to reviews and inventory
        db.assertFresh(all);
        db.exec("INSERT INTO tb_inventory (fk_product, quantity_available) VALUES (19, 7)");
        db.assertFresh(all);
        db.exec("UPDATE tb_product SET fk_category = NULL WHERE pk_product = 1");
        db.assertFresh(all);
        db.exec("DELETE FROM tb_category WHERE pk_category = 3"); // SET NULL on products
        db.assertFresh(all);
        db.exec("DELETE FROM tb_supplier WHERE pk_supplier = 2"); // CASCADE to products
        db.assertFresh(all);
        db.exec("DELETE FROM tb_review WHERE fk_product = 8"); // the group's reviews empty
        db.assertFresh(all);
        assertThat(db.scalar("SELECT data->>'reviews' FROM tv_product WHERE pk_product = 8")).isEqualTo("[]");
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void bulkWrites(TriggerMode mode, TestDb db) throws SQLException {
        List<String> names = setUp(db, mode);
        db.exec("INSERT INTO tb_product (name, price_current, fk_category, fk_supplier) "
                        + "SELECT 'bulk ' || g, g, 1 + g % 3, 1 FROM generate_series(1, 300) g",
                "INSERT INTO tb_review (fk_product, rating) SELECT pk_product, 1 + pk_product % 5 FROM tb_product",
                "UPDATE tb_product SET price_current = price_current + 1",
                "UPDATE tb_category SET name = upper(name)",
                "DELETE FROM tb_review WHERE rating = 3");
        db.assertFresh(names.toArray(String[]::new));
    }
}
