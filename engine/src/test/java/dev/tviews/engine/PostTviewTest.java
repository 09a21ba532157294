package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's tv_post: post JOIN user. */
@Schema("social")
class PostTviewTest {

    static final String TV_POST = """
            SELECT p.pk_post AS pk_post, p.id, p.identifier, p.fk_user, u.id AS user_id,
                   jsonb_build_object('id', p.id, 'identifier', p.identifier, 'title', p.title,
                                      'content', p.content, 'createdAt', p.created_at,
                                      'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
            FROM tb_post p
            JOIN tb_user u ON p.fk_user = u.pk_user""";

    @Test
    void createsPopulatesAndMaintains(TestDb db) throws Exception {
        TviewInfo info = db.create("tv_post", TV_POST);
        assertThat(info.keyColumn()).isEqualTo("pk_post");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_post")).isEqualTo(12);
        db.exec("UPDATE tb_user SET name = 'Ann B.' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE fk_user = 1 LIMIT 1")).isEqualTo("Ann B.");
        db.exec("INSERT INTO tb_post (title, fk_user) VALUES ('new', 2)");
        db.exec("DELETE FROM tb_post WHERE pk_post = 3");
        db.exec("UPDATE tb_post SET fk_user = 5 WHERE pk_post = 4");
        db.assertFresh("tv_post");
    }
}
