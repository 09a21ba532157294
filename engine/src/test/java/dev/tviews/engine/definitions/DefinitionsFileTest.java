package dev.tviews.engine.definitions;

import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewsException;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Definitions files in the architect guide's DDL and in named blocks, mixed, with comments. */
@Schema("social")
class DefinitionsFileTest {

    /** Written as in the architect guide: a comment, CREATE TABLE … AS SELECT …; then a named block. */
    static final String FILE = """
            -- Read Model: User
            CREATE TABLE tv_user AS
            SELECT
                u.pk_user as pk_user,  -- Required: lineage root
                u.id,                  -- GraphQL ID; a ';' in a comment ends nothing
                jsonb_build_object('name', u.name, 'note', 'a;b') as data
            FROM tb_user u;

            /* Read Model: Post, by a block comment */
            CREATE TABLE public.tv_post AS SELECT p.pk_post, p.id, p.fk_user, t.data AS author
            FROM tb_post p JOIN tv_user t ON t.pk_user = p.fk_user;

            -- name: tv_org
            -- key: pk_org
            -- unique_id: true
            SELECT o.pk_org, o.id, o.name FROM tb_org o
            """;

    @Test
    void readsBothFormsWithTheirOptions() throws TviewsException {
        List<DefinitionsFile.Entry> entries = DefinitionsFile.parse(FILE, "guide.sql");
        assertThat(entries).extracting(e -> e.definition().name()).containsExactly("tv_user", "public.tv_post", "tv_org");
        assertThat(entries).extracting(DefinitionsFile.Entry::line).containsExactly(2, 10, 13);
        TviewDefinition org = entries.get(2).definition();
        assertThat(org.options().keyColumn()).contains("pk_org");
        assertThat(org.options().uniqueId()).isTrue();
        assertThat(org.select()).isEqualTo("SELECT o.pk_org, o.id, o.name FROM tb_org o");
        assertThat(entries.get(0).definition().select()).startsWith("SELECT").contains("'a;b'").endsWith("FROM tb_user u");
    }

    @Test
    void refusesAStatementThatIsNotATviewDefinitionWithItsLine() {
        String file = FILE + "\nCREATE TABLE tv_post_y2024 PARTITION OF tv_post\n    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n";
        assertThatThrownBy(() -> DefinitionsFile.parse(file, "guide.sql"))
                .isInstanceOf(TviewsException.class)
                .hasMessageContainingAll("guide.sql line 18", "CREATE TABLE tv_post_y2024 PARTITION OF", "not a TVIEW definition")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
        assertThatThrownBy(() -> DefinitionsFile.parse("-- name: tv_x\nUPDATE tb_user SET name = 'x'", "f.sql"))
                .hasMessageContaining("f.sql line 2");
    }

    @Test
    void theJavaApiCreatesAFileAndNamesTheLineOfARefusal(TestDb db) throws SQLException {
        db.tviews().createAll(FILE, "guide.sql");
        db.exec("UPDATE tb_user SET name = 'Renamed' WHERE pk_user = 2", "INSERT INTO tb_org (name) VALUES ('New')");
        db.assertSameRows("tv_post", "SELECT p.pk_post, p.id, p.fk_user, t.data AS author FROM tb_post p "
                + "JOIN tv_user t ON t.pk_user = p.fk_user");
        db.assertSameRows("tv_org", "SELECT o.pk_org, o.id, o.name FROM tb_org o");
        assertThatThrownBy(() -> db.tviews().createAll("""
                -- fine
                CREATE TABLE tv_comment AS SELECT c.pk_comment, c.body FROM tb_comment c;
                CREATE TABLE tv_clock AS
                SELECT c.pk_comment, now() AS seen FROM tb_comment c;
                """, "more.sql"))
                .hasMessageContainingAll("more.sql line 3", "now()")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThat(db.scalar("SELECT to_regclass('tv_comment')")).as("all or none").isNull();
    }
}
