package dev.tviews.checker.junit;

import dev.tviews.engine.Tviews;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A user's small schema with two TVIEWs, as a user's own test suite would have it. */
final class UserSchema {

    private UserSchema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE tb_user (pk_user int PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE tb_post (pk_post int PRIMARY KEY, title text NOT NULL, fk_user int NOT NULL REFERENCES tb_user);
                    INSERT INTO tb_user VALUES (1, 'Ann'), (2, 'Bob');
                    INSERT INTO tb_post VALUES (1, 'Hello', 1), (2, 'World', 2), (3, 'Again', 1);
                    """);
        }
        Tviews tviews = Tviews.on(c);
        tviews.install();
        tviews.create("tv_user", "SELECT u.pk_user, jsonb_build_object('name', u.name) AS data FROM tb_user u");
        tviews.create("tv_post", """
                SELECT p.pk_post, p.fk_user, jsonb_build_object('title', p.title, 'author', jsonb_build_object('name', u.name)) AS data
                FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user""");
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
