package dev.tviews.checker;

import dev.tviews.checker.junit.TviewsAssertions;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.Tviews;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Engine bugs the checker found, reduced by hand to a few statements, kept as regression tests
 * now that they are fixed.
 */
@ExtendWith(PostgresExtension.class)
class KnownEngineBugsTest {

    private static void sql(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Found by {@code check --scenario ecommerce --scale tiny --seed 1 --engine tviews-statement}
     * (transaction 533). One SQL command updates the same row twice: the CTE moves the product to
     * category 2, and the DELETE's ON DELETE SET NULL updates that product again. PostgreSQL hands
     * statement triggers both updates in one pair of transition tables, so product 10 has two old
     * and two new images: (cat 1) → (cat 2) and (cat 2) → (cat 2, supplier NULL). The engine's
     * UPDATE pruning drops an image as soon as some image of the same key on the other side has
     * equal read columns; the intermediate image (cat 2) cancels both new images, and category 2
     * is never refreshed. Row-level triggers are not affected.
     */
    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aRowUpdatedTwiceInOneCommandKeepsItsNewKeys(TriggerMode mode, FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            sql(c, """
                    CREATE TABLE tb_category (pk_category int PRIMARY KEY);
                    CREATE TABLE tb_supplier (pk_supplier int PRIMARY KEY);
                    CREATE TABLE tb_product (pk_product int PRIMARY KEY,
                                             fk_category int REFERENCES tb_category,
                                             fk_supplier int REFERENCES tb_supplier ON DELETE SET NULL);
                    INSERT INTO tb_category VALUES (1), (2);
                    INSERT INTO tb_supplier VALUES (1);
                    INSERT INTO tb_product VALUES (10, 1, 1);
                    """);
            Tviews tviews = Tviews.on(c);
            tviews.install();
            tviews.setTriggerMode(mode);
            tviews.create("tv_category", """
                    SELECT c.pk_category, count(p.pk_product) AS products
                    FROM tb_category c LEFT JOIN tb_product p ON p.fk_category = c.pk_category
                    GROUP BY c.pk_category""");
            sql(c, "WITH w AS (UPDATE tb_product SET fk_category = 2 WHERE pk_product = 10 RETURNING 1) "
                    + "DELETE FROM tb_supplier WHERE pk_supplier = 1");
            TviewsAssertions.assertFresh(c);
        }
    }
}
