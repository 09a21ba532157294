-- n new products in one statement (count of categories, count of suppliers, n); returns the range of
-- their keys, which the hand-written strategy recomputes.
WITH inserted AS (
    INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
    SELECT gen_random_uuid(), 'bench-' || gen_random_uuid(), 'benchmark product', 10 + g % 490,
           1 + g % ?, 1 + g % ?, now()
    FROM generate_series(1, ?) AS g
    RETURNING pk_product
)
SELECT min(pk_product), max(pk_product) FROM inserted
