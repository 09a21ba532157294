-- name: tv_item
-- Each item with its seller's email; the seller may not exist (no foreign key).
SELECT i.pk_item, i.id, i.fk_seller,
       jsonb_build_object('id', i.id, 'title', i.title, 'seller', a.email) AS data
FROM tb_item i
LEFT JOIN tb_account a ON a.pk_account = i.fk_seller;

-- name: tv_seller
-- A TVIEW over a TVIEW: each account with the documents of its items.
SELECT a.pk_account, a.id,
       jsonb_build_object('email', a.email,
           'items', (SELECT coalesce(jsonb_agg(t.data ORDER BY t.pk_item), '[]'::jsonb)
                     FROM tv_item t WHERE t.fk_seller = a.pk_account)) AS data
FROM tb_account a;

-- name: tv_product
SELECT p.pk_product, p.id, p.fk_shop,
       jsonb_build_object('title', p.title, 'shop', s.name) AS data
FROM tb_product p
LEFT JOIN tb_shop s ON s.pk_shop = p.fk_shop;

-- name: tv_shop
SELECT s.pk_shop, s.id,
       jsonb_build_object('name', s.name,
           'products', (SELECT coalesce(jsonb_agg(t.data ORDER BY t.pk_product), '[]'::jsonb)
                        FROM tv_product t WHERE t.fk_shop = s.pk_shop)) AS data
FROM tb_shop s;
