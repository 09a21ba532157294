-- name: tv_user
-- Self-join (user and manager from the same table), COALESCE/CASE, a LEFT JOIN to organisations.
SELECT u.pk_user, u.id, u.fk_org, o.id AS org_id,
       jsonb_build_object(
           'name', u.name,
           'email', CASE WHEN u.email IS NULL THEN 'none' ELSE u.email END,
           'manager', m.name,
           'org', coalesce(o.name, 'independent')) AS data
FROM tb_user u
LEFT JOIN tb_user m ON m.pk_user = u.fk_manager
LEFT JOIN tb_org o ON o.pk_org = u.fk_org;

-- name: tv_post
-- The seed's tv_post: post JOIN user.
SELECT p.pk_post AS pk_post, p.id, p.identifier, p.fk_user, u.id AS user_id,
       jsonb_build_object('id', p.id, 'identifier', p.identifier, 'title', p.title, 'content', p.content,
                          'createdAt', p.created_at,
                          'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
FROM tb_post p
JOIN tb_user u ON p.fk_user = u.pk_user;

-- name: tv_post_thread
-- Correlated subqueries nested two levels: post -> comments -> comment authors.
SELECT p.pk_post, p.id,
       jsonb_build_object('title', p.title,
           'comments', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'body', c.body,
                                   'author', (SELECT u.name FROM tb_user u WHERE u.pk_user = c.fk_user))
                               ORDER BY c.pk_comment), '[]'::jsonb)
                        FROM tb_comment c WHERE c.fk_post = p.pk_post)) AS data
FROM tb_post p;

-- name: tv_comment
-- A three-hop chain: comment -> post -> user -> organisation.
SELECT c.pk_comment, c.id, c.fk_post,
       jsonb_build_object('body', c.body, 'post', p.title, 'postAuthor', u.name, 'org', o.name) AS data
FROM tb_comment c
JOIN tb_post p ON p.pk_post = c.fk_post
JOIN tb_user u ON u.pk_user = p.fk_user
LEFT JOIN tb_org o ON o.pk_org = u.fk_org;

-- name: tv_published_post
-- A WHERE filter on the key's table: rows enter and leave it.
SELECT p.pk_post, p.id, jsonb_build_object('title', p.title) AS data
FROM tb_post p
WHERE p.published AND p.title <> '';

-- name: tv_org
-- An aggregate per group; groups may become empty.
SELECT o.pk_org, o.id, count(u.pk_user) AS user_count,
       jsonb_build_object('name', o.name,
           'users', coalesce(jsonb_agg(u.name ORDER BY u.name) FILTER (WHERE u.pk_user IS NOT NULL), '[]'::jsonb)) AS data
FROM tb_org o
LEFT JOIN tb_user u ON u.fk_org = o.pk_org
GROUP BY o.pk_org, o.id, o.name;

-- name: tv_post_embed
-- A TVIEW reading another TVIEW's data: cascades from tv_user.
SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', tu.data) AS data
FROM tb_post p
JOIN tv_user tu ON tu.pk_user = p.fk_user;
