-- One new review: id, product, rating.
INSERT INTO tb_review (id, fk_product, rating, body, created_at)
VALUES (?, ?, ?, 'benchmark review', now())
