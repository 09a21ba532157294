-- Categories with exactly k products each, for the cascade benchmark: category "fanout-k" has k
-- products (with one inventory row each and no reviews), so renaming it reaches exactly k tv_product rows.
INSERT INTO tb_category (id, name)
SELECT gen_random_uuid(), 'fanout-' || k FROM unnest(?::int[]) AS k;

INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
SELECT gen_random_uuid(), c.name || '-' || i, 'fanout product ' || i, 10 + (i % 490), c.pk_category,
       (SELECT min(pk_supplier) FROM tb_supplier), now()
FROM tb_category c
CROSS JOIN LATERAL generate_series(1, substr(c.name, 8)::int) AS i
WHERE c.name LIKE 'fanout-%';

INSERT INTO tb_inventory (fk_product, quantity_available)
SELECT p.pk_product, 100 FROM tb_product p WHERE p.identifier LIKE 'fanout-%';
