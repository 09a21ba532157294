-- E-commerce write model (trinity pattern): integer pk_*, public uuid id, integer fk_* links.
CREATE TABLE tb_category (
    pk_category int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid NOT NULL UNIQUE,
    name        text NOT NULL
);

CREATE TABLE tb_supplier (
    pk_supplier int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid NOT NULL UNIQUE,
    name        text NOT NULL,
    country     text NOT NULL
);

CREATE TABLE tb_product (
    pk_product    int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            uuid NOT NULL UNIQUE,
    identifier    text NOT NULL UNIQUE,
    name          text NOT NULL,
    price_current numeric(10, 2) NOT NULL CHECK (price_current >= 0),
    fk_category   int REFERENCES tb_category (pk_category) ON DELETE SET NULL,
    fk_supplier   int REFERENCES tb_supplier (pk_supplier) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX tb_product_fk_category ON tb_product (fk_category);
CREATE INDEX tb_product_fk_supplier ON tb_product (fk_supplier);

CREATE TABLE tb_inventory (
    pk_inventory       int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fk_product         int NOT NULL UNIQUE REFERENCES tb_product (pk_product) ON DELETE CASCADE,
    quantity_available int NOT NULL CHECK (quantity_available >= 0)
);

CREATE TABLE tb_review (
    pk_review  int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    fk_product int NOT NULL REFERENCES tb_product (pk_product) ON DELETE CASCADE,
    rating     smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body       text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX tb_review_fk_product ON tb_review (fk_product);
