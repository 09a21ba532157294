-- Users with exactly k posts each, for the cascade benchmark: user "fanout-k" is a celebrity whose
-- rename reaches tv_user and, through it, exactly k tv_post rows (the posts have no comments or likes).
INSERT INTO tb_user (id, identifier, name, bio, created_at)
SELECT gen_random_uuid(), 'fanout-' || k, 'Fanout ' || k, NULL, now() FROM unnest(?::int[]) AS k;

INSERT INTO tb_post (id, fk_user, title, content, created_at)
SELECT gen_random_uuid(), u.pk_user, 'post ' || i, 'content of post ' || i, now()
FROM tb_user u
CROSS JOIN LATERAL generate_series(1, substr(u.identifier, 8)::int) AS i
WHERE u.identifier LIKE 'fanout-%';
