-- The seed's product aggregate, with its reviews in a stable order so that comparisons are exact.
SELECT
    p.pk_product,
    p.id,
    p.fk_category,
    p.fk_supplier,
    c.id AS category_id,
    s.id AS supplier_id,
    jsonb_build_object(
        'id', p.id,
        'name', p.name,
        'price', jsonb_build_object('current', p.price_current),
        'category', jsonb_build_object('id', c.id, 'name', c.name),
        'supplier', jsonb_build_object('id', s.id, 'name', s.name),
        'inventory', jsonb_build_object('quantity', i.quantity_available),
        'reviews', COALESCE(jsonb_agg(
            jsonb_build_object('id', r.id, 'rating', r.rating) ORDER BY r.pk_review
        ) FILTER (WHERE r.id IS NOT NULL), '[]'::jsonb),
        'avgRating', COALESCE(AVG(r.rating), 0)
    ) AS data
FROM tb_product p
LEFT JOIN tb_category c ON p.fk_category = c.pk_category
LEFT JOIN tb_supplier s ON p.fk_supplier = s.pk_supplier
LEFT JOIN tb_inventory i ON p.pk_product = i.fk_product
LEFT JOIN tb_review r ON p.pk_product = r.fk_product
GROUP BY p.pk_product, p.id, p.fk_category, p.fk_supplier,
         c.id, c.name, s.id, s.name, i.quantity_available
