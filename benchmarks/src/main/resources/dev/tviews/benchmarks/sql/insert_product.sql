-- One new product: id, identifier, price, category, supplier.
INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
VALUES (?, ?, 'benchmark product', ?, ?, ?, now())
RETURNING pk_product
