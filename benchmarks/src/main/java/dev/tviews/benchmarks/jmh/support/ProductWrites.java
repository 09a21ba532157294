package dev.tviews.benchmarks.jmh.support;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Single-row writes to the e-commerce write model, prepared once per trial, with the hand-written
 * maintenance of {@code tv_product} where the strategy needs it. None of them commits: the caller does,
 * through {@link Workspace#commit()}, so that the materialized-view strategies refresh after it.
 * Products this class inserts are named {@code bench-…}, so they never collide with the loaded ones.
 */
public final class ProductWrites implements AutoCloseable {

    private final Connection c;
    private final Maintenance tvProduct;
    private final int categories;
    private final int suppliers;
    private final PreparedStatement updatePrice;
    private final PreparedStatement updateCreatedAt;
    private final PreparedStatement insertProduct;
    private final PreparedStatement deleteProduct;
    private final PreparedStatement deleteProducts;
    private final PreparedStatement insertProducts;
    private final PreparedStatement insertReview;
    private final PreparedStatement deleteReviews;

    public ProductWrites(Workspace ws) throws SQLException {
        this.c = ws.connection();
        this.tvProduct = ws.strategy().hasReadModels() ? ws.maintenance("tv_product", "pk_product") : Maintenance.NONE;
        this.categories = count("SELECT max(pk_category) FROM tb_category");
        this.suppliers = count("SELECT max(pk_supplier) FROM tb_supplier");
        updatePrice = c.prepareStatement("UPDATE tb_product SET price_current = ? WHERE pk_product = ?");
        updateCreatedAt = c.prepareStatement("UPDATE tb_product SET created_at = created_at + interval '1 second' * ? WHERE pk_product = ?");
        insertProduct = c.prepareStatement(SqlResource.text("insert_product.sql"));
        deleteProduct = c.prepareStatement("DELETE FROM tb_product WHERE pk_product = ?");
        deleteProducts = c.prepareStatement("DELETE FROM tb_product WHERE pk_product = ANY (?)");
        insertProducts = c.prepareStatement(SqlResource.text("insert_products.sql"));
        insertReview = c.prepareStatement(SqlResource.text("insert_review.sql"));
        deleteReviews = c.prepareStatement("DELETE FROM tb_review WHERE body = 'benchmark review' RETURNING fk_product");
        c.commit();
    }

    private int count(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Math.max(1, rs.getInt(1));
        }
    }

    /** A price between 1.00 and 500.00. */
    public static BigDecimal price(SplittableRandom random) {
        return BigDecimal.valueOf(random.nextLong(100, 50_001), 2);
    }

    public void updatePrice(long product, BigDecimal price) throws SQLException {
        updatePrice.setBigDecimal(1, price);
        updatePrice.setLong(2, product);
        updatePrice.executeUpdate();
        tvProduct.upsert(product);
    }

    /**
     * Moves {@code created_at}, a column no read model reads: every strategy must leave the read models
     * untouched, and the hand-written one has nothing to do.
     */
    public void updateUnreadColumn(long product, int seconds) throws SQLException {
        updateCreatedAt.setInt(1, seconds);
        updateCreatedAt.setLong(2, product);
        updateCreatedAt.executeUpdate();
    }

    /** Inserts one product (without inventory or reviews) and returns its key. */
    public long insertProduct(SplittableRandom random) throws SQLException {
        insertProduct.setObject(1, new UUID(random.nextLong(), random.nextLong()));
        insertProduct.setString(2, "bench-" + UUID.randomUUID());
        insertProduct.setBigDecimal(3, price(random));
        insertProduct.setInt(4, 1 + random.nextInt(categories));
        insertProduct.setInt(5, 1 + random.nextInt(suppliers));
        long key;
        try (ResultSet rs = insertProduct.executeQuery()) {
            rs.next();
            key = rs.getLong(1);
        }
        tvProduct.upsert(key);
        return key;
    }

    public void deleteProduct(long product) throws SQLException {
        deleteProduct.setLong(1, product);
        deleteProduct.executeUpdate();
        tvProduct.delete(new long[] {product});
    }

    /** Deletes many products in one statement. */
    public void deleteProducts(long[] products) throws SQLException {
        if (products.length == 0) {
            return;
        }
        deleteProducts.setArray(1, bigints(products));
        deleteProducts.executeUpdate();
        tvProduct.delete(products);
    }

    /** Inserts {@code n} products in one statement and returns their keys. */
    public long[] insertProducts(int n) throws SQLException {
        insertProducts.setInt(1, categories);
        insertProducts.setInt(2, suppliers);
        insertProducts.setInt(3, n);
        List<Long> keys = new ArrayList<>(n);
        try (ResultSet rs = insertProducts.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        }
        long[] out = keys.stream().mapToLong(Long::longValue).toArray();
        tvProduct.upsert(out);
        return out;
    }

    /** Inserts a review of {@code product}: its tv_product row gets a new element in {@code reviews}. */
    public void insertReview(long product, SplittableRandom random) throws SQLException {
        insertReview.setObject(1, new UUID(random.nextLong(), random.nextLong()));
        insertReview.setLong(2, product);
        insertReview.setInt(3, 1 + random.nextInt(5));
        insertReview.executeUpdate();
        tvProduct.upsert(product);
    }

    /** Deletes every review {@link #insertReview} wrote, keeping tv_product fresh. */
    public void deleteInsertedReviews() throws SQLException {
        List<Long> products = new ArrayList<>();
        try (ResultSet rs = deleteReviews.executeQuery()) {
            while (rs.next()) {
                products.add(rs.getLong(1));
            }
        }
        tvProduct.upsert(products.stream().mapToLong(Long::longValue).distinct().toArray());
    }

    private Array bigints(long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("int8", boxed);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : List.of(updatePrice, updateCreatedAt, insertProduct, deleteProduct, deleteProducts,
                insertProducts, insertReview, deleteReviews)) {
            ps.close();
        }
    }
}
