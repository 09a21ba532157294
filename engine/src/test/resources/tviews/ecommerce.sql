-- name: tv_product
-- The seed's tv_product, verbatim: LEFT JOINs, GROUP BY, jsonb_agg ... FILTER (no ORDER BY), AVG.
SELECT
    p.pk_product,
    p.id,
    p.fk_category,
    p.fk_supplier,
    c.id as category_id,
    s.id as supplier_id,
    jsonb_build_object(
        'id', p.id,
        'name', p.name,
        'price', jsonb_build_object('current', p.price_current),
        'category', jsonb_build_object('id', c.id, 'name', c.name),
        'supplier', jsonb_build_object('id', s.id, 'name', s.name),
        'inventory', jsonb_build_object('quantity', i.quantity_available),
        'reviews', COALESCE(jsonb_agg(
            jsonb_build_object('id', r.id, 'rating', r.rating)
        ) FILTER (WHERE r.id IS NOT NULL), '[]'::jsonb),
        'avgRating', COALESCE(AVG(r.rating), 0)
    ) as data
FROM tb_product p
LEFT JOIN tb_category c ON p.fk_category = c.pk_category
LEFT JOIN tb_supplier s ON p.fk_supplier = s.pk_supplier
LEFT JOIN tb_inventory i ON p.pk_product = i.fk_product
LEFT JOIN tb_review r ON p.pk_product = r.fk_product
GROUP BY p.pk_product, p.id, p.fk_category, p.fk_supplier,
         c.id, c.name, s.id, s.name, i.quantity_available;

-- name: tv_category
-- Product counts per category from a correlated subquery, and a derived table of review stats.
SELECT c.pk_category, c.id,
       jsonb_build_object('name', c.name,
           'productCount', (SELECT count(*) FROM tb_product p WHERE p.fk_category = c.pk_category),
           'reviewCount', coalesce(sum(rs.n), 0)) AS data
FROM tb_category c
LEFT JOIN tb_product p2 ON p2.fk_category = c.pk_category
LEFT JOIN (SELECT r.fk_product, count(*) AS n FROM tb_review r GROUP BY r.fk_product) rs
       ON rs.fk_product = p2.pk_product
GROUP BY c.pk_category, c.id, c.name;
