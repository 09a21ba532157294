-- Sellers and their items, for the constraints of tv tables (TvTableConstraintsTest, IdUniquenessTest).
-- tb_account and tb_item have no foreign key: an item may name a seller that does not exist yet.
-- tb_item's id is unique DEFERRABLE (checked at the end of each statement), so that two items may
-- swap ids in one UPDATE, which an immediate unique constraint refuses row by row.
CREATE TABLE tb_account (
    pk_account int PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    email      text
);
CREATE TABLE tb_item (
    pk_item   int PRIMARY KEY,
    id        uuid NOT NULL UNIQUE DEFERRABLE,
    title     text,
    fk_seller int NOT NULL
);
CREATE INDEX ON tb_item (fk_seller);
-- Shops and products with a deferred foreign key: inside a transaction a product may name a shop
-- that only exists at commit.
CREATE TABLE tb_shop (
    pk_shop int PRIMARY KEY,
    id      uuid NOT NULL UNIQUE,
    name    text
);
CREATE TABLE tb_product (
    pk_product int PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    title      text,
    fk_shop    int NOT NULL REFERENCES tb_shop DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ON tb_product (fk_shop);
-- Notes whose id has a default but no unique constraint: nothing stops two notes sharing one.
CREATE TABLE tb_note (
    pk_note int PRIMARY KEY,
    id      uuid NOT NULL DEFAULT gen_random_uuid(),
    body    text
);

INSERT INTO tb_account VALUES
    (1, '00000000-0000-0000-0000-00000000000a', 'one@example.org'),
    (2, '00000000-0000-0000-0000-00000000000b', 'two@example.org');
INSERT INTO tb_item VALUES
    (10, '00000000-0000-0000-0000-000000000010', 'lamp', 2),
    (11, '00000000-0000-0000-0000-000000000011', 'desk', 5);
INSERT INTO tb_shop VALUES
    (1, '00000000-0000-0000-0000-0000000000c1', 'north'),
    (2, '00000000-0000-0000-0000-0000000000c2', 'south'),
    (3, '00000000-0000-0000-0000-0000000000c3', 'east');
INSERT INTO tb_product VALUES
    (20, '00000000-0000-0000-0000-000000000020', 'kettle', 1),
    (21, '00000000-0000-0000-0000-000000000021', 'teapot', 2);
INSERT INTO tb_note (pk_note, body) VALUES (1, 'first'), (2, 'second');
