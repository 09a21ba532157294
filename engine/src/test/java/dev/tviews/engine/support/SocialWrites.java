package dev.tviews.engine.support;

import java.sql.SQLException;
import java.util.List;

/** A round of writes to every table of the social schema, then a check of the TVIEWs that exist. */
public final class SocialWrites {

    private SocialWrites() {
    }

    /** {@code tag} makes each round's values new; {@code names} are checked when they exist. */
    public static void writeEverywhere(TestDb db, String tag, List<String> names) throws SQLException {
        db.exec("UPDATE tb_user SET name = name || '" + tag + "' WHERE pk_user IN (1, 3)",
                "UPDATE tb_org SET name = 'Org " + tag + "' WHERE pk_org = 2",
                "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('new " + tag + "', 3, 2)",
                "UPDATE tb_post SET fk_user = 5, title = 'moved " + tag + "' WHERE pk_post = 4",
                "DELETE FROM tb_comment WHERE pk_comment IN (SELECT min(pk_comment) FROM tb_comment)");
        for (String name : names) {
            if (db.scalar("SELECT to_regclass('" + name + "')::text") != null) {
                db.assertFresh(name);
            }
        }
    }
}
