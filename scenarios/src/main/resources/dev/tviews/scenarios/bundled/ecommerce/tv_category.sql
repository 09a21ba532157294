-- A category with the number of its products and their price range.
SELECT
    c.pk_category,
    c.id,
    jsonb_build_object(
        'id', c.id,
        'name', c.name,
        'productCount', count(p.pk_product),
        'minPrice', min(p.price_current),
        'maxPrice', max(p.price_current)
    ) AS data
FROM tb_category c
LEFT JOIN tb_product p ON p.fk_category = c.pk_category
GROUP BY c.pk_category, c.id, c.name
