-- One batch of a bulk load: n new products; returns their keys. Parameters: count of categories,
-- count of suppliers, n.
WITH products AS (
    INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
    SELECT gen_random_uuid(), 'bulk-' || gen_random_uuid(), 'bulk product', 10 + g % 490, 1 + g % ?, 1 + g % ?, now()
    FROM generate_series(1, ?) AS g
    RETURNING pk_product
)
SELECT array_agg(pk_product) FROM products
