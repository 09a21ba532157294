package dev.tviews.checker;

import dev.tviews.checker.run.CheckSession;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Concurrent writers on a checked e-commerce database: one- to three-statement transactions of one-row writes. */
final class EcommerceWriters {

    /** One-row writes of the e-commerce schema, picked at random. */
    static final List<String> WRITES = List.of(
            "UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product = (SELECT pk_product FROM tb_product ORDER BY random() LIMIT 1)",
            "UPDATE tb_product SET fk_category = (SELECT pk_category FROM tb_category ORDER BY random() LIMIT 1) "
                    + "WHERE pk_product = (SELECT pk_product FROM tb_product ORDER BY random() LIMIT 1)",
            "UPDATE tb_category SET name = name || 'x' WHERE pk_category = (SELECT pk_category FROM tb_category ORDER BY random() LIMIT 1)",
            "UPDATE tb_supplier SET country = 'c' || (random() * 9)::int WHERE pk_supplier = (SELECT pk_supplier FROM tb_supplier ORDER BY random() LIMIT 1)",
            "INSERT INTO tb_review (id, fk_product, rating, body, created_at) SELECT gen_random_uuid(), pk_product, "
                    + "1 + (random() * 4)::int, 'a concurrent review', now() FROM tb_product ORDER BY random() LIMIT 1",
            "DELETE FROM tb_review WHERE pk_review = (SELECT pk_review FROM tb_review ORDER BY random() LIMIT 1)",
            "UPDATE tb_inventory SET quantity_available = quantity_available + 1 WHERE pk_inventory = "
                    + "(SELECT pk_inventory FROM tb_inventory ORDER BY random() LIMIT 1)");

    private EcommerceWriters() {
    }

    /**
     * Writes to {@code target} until {@code stop} is set or the server goes away; deadlocks and
     * refused values roll back and the next transaction goes on.
     */
    static void write(CheckSession target, SplittableRandom random, AtomicBoolean stop, AtomicLong committed) {
        try (Connection c = target.database().connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET deadlock_timeout = '50ms'");
            }
            c.commit();
            while (!stop.get()) {
                try (Statement st = c.createStatement()) {
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        st.execute(WRITES.get(random.nextInt(WRITES.size())));
                    }
                    c.commit();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    if (stop.get()) {
                        return;
                    }
                    c.rollback();
                }
            }
        } catch (SQLException gone) {
            // the server went away (a crash test kills it)
        }
    }
}
