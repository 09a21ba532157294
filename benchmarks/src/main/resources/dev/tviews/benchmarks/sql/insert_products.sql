-- n new products in one statement, spread over the categories and suppliers: count of categories,
-- count of suppliers, n.
INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
SELECT gen_random_uuid(), 'bench-' || gen_random_uuid(), 'benchmark product', 10 + g % 490,
       1 + g % ?, 1 + g % ?, now()
FROM generate_series(1, ?) AS g
RETURNING pk_product
