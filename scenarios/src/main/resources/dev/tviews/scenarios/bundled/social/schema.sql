-- Social write model (trinity pattern).
CREATE TABLE tb_user (
    pk_user    int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    identifier text NOT NULL UNIQUE,
    name       text NOT NULL,
    bio        text,
    created_at timestamptz NOT NULL
);

CREATE TABLE tb_post (
    pk_post    int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    fk_user    int NOT NULL REFERENCES tb_user (pk_user) ON DELETE CASCADE,
    title      text NOT NULL,
    content    text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX tb_post_fk_user ON tb_post (fk_user);

CREATE TABLE tb_comment (
    pk_comment int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    fk_post    int NOT NULL REFERENCES tb_post (pk_post) ON DELETE CASCADE,
    fk_user    int NOT NULL REFERENCES tb_user (pk_user) ON DELETE CASCADE,
    body       text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX tb_comment_fk_post ON tb_comment (fk_post);
CREATE INDEX tb_comment_fk_user ON tb_comment (fk_user);

-- Likes are not unique per (post, user): generated data may like a post twice, like a reaction count.
CREATE TABLE tb_like (
    pk_like    int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fk_post    int NOT NULL REFERENCES tb_post (pk_post) ON DELETE CASCADE,
    fk_user    int NOT NULL REFERENCES tb_user (pk_user) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
CREATE INDEX tb_like_fk_post ON tb_like (fk_post);
CREATE INDEX tb_like_fk_user ON tb_like (fk_user);
