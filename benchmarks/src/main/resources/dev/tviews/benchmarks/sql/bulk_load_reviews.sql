-- One batch of a bulk load: 5 reviews for each product of the array parameter.
INSERT INTO tb_review (id, fk_product, rating, body, created_at)
SELECT gen_random_uuid(), p, 1 + g, 'bulk review', now()
FROM unnest(?::bigint[]) AS p, generate_series(0, 4) AS g
