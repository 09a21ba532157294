package dev.tviews.benchmarks.cli;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.oracle.OracleTarget;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.engine.TviewDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code compile} writes a migration that, applied through JDBC to a database holding only the
 * schema, gives TVIEWs the checker's oracle finds equal to their definitions, under writes in
 * both trigger modes.
 */
class CompileCommandTest {

    static final String SCHEMA = """
            CREATE TABLE tb_author (pk_author int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_book (pk_book int PRIMARY KEY, title text NOT NULL,
                                  fk_author int NOT NULL REFERENCES tb_author);
            CREATE INDEX ON tb_book (fk_author);
            CREATE TABLE tb_review (pk_review int PRIMARY KEY, fk_book int NOT NULL REFERENCES tb_book, stars int);
            CREATE INDEX ON tb_review (fk_book);
            INSERT INTO tb_author VALUES (1, 'Le Guin'), (2, 'Lem');
            INSERT INTO tb_book VALUES (1, 'Earthsea', 1), (2, 'Solaris', 2), (3, 'The Dispossessed', 1);
            INSERT INTO tb_review VALUES (1, 1, 5), (2, 1, 4), (3, 2, 5);
            """;

    /** Both forms of a definitions file: pg_tviews DDL as in the architect guide, and a named block. */
    static final String DEFINITIONS = """
            -- Read model: a book with its author and stars
            CREATE TABLE tv_book AS
            SELECT b.pk_book, jsonb_build_object('title', b.title, 'author', a.name,
                   'stars', (SELECT coalesce(jsonb_agg(r.stars ORDER BY r.pk_review), '[]') FROM tb_review r
                             WHERE r.fk_book = b.pk_book)) AS data
            FROM tb_book b JOIN tb_author a ON a.pk_author = b.fk_author;

            -- name: tv_author_books
            -- key: pk_author
            SELECT a.pk_author, (SELECT count(*) FROM tv_book t JOIN tb_book b ON b.pk_book = t.pk_book
                                 WHERE b.fk_author = a.pk_author) AS books
            FROM tb_author a;
            """;

    @Test
    void parsesNamesKeysAndSelects() throws Exception {
        List<TviewDefinition> defs = CompileCommand.parse(DEFINITIONS);
        assertThat(defs).extracting(TviewDefinition::name).containsExactly("tv_book", "tv_author_books");
        assertThat(defs.get(1).options().keyColumn()).contains("pk_author");
        assertThat(defs.get(0).select()).startsWith("SELECT b.pk_book").endsWith("b.fk_author");
    }

    @Test
    void refusesAStatementThatIsNotATviewWithItsLine() {
        assertThatThrownBy(() -> CompileCommand.parse(DEFINITIONS + "\nCREATE INDEX ON tv_book (pk_book);\n"))
                .hasMessageContaining("line 14").hasMessageContaining("CREATE INDEX ON tv_book")
                .hasMessageContaining("is not a TVIEW definition");
    }

    @Test
    void parsesTheUniqueIdDirective() throws Exception {
        List<TviewDefinition> defs = CompileCommand.parse("""
                -- name: tv_note
                -- unique_id: true
                -- key: pk_note
                SELECT n.pk_note, n.id FROM tb_note n;
                -- name: tv_other
                SELECT o.pk_other, o.id FROM tb_other o;
                """);
        assertThat(defs).extracting(d -> d.options().uniqueId()).containsExactly(true, false);
        assertThat(defs.get(0).options().keyColumn()).contains("pk_note");
    }

    @Test
    void theMigrationGivesExactTviewsOnADatabaseWithOnlyTheSchema(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("definitions.sql"), DEFINITIONS);
        try (PostgresServer server = PostgresServers.open(PostgresOptions.embedded(PostgresOptions.DEFAULT_MAJOR))) {
            for (String db : List.of("scratch", "target")) {
                try (Connection c = server.connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + db);
                }
                try (Connection c = server.connect(db); Statement st = c.createStatement()) {
                    st.execute(SCHEMA);
                }
            }
            StringWriter err = new StringWriter();
            Path migration = dir.resolve("migration.sql");
            int exit = TviewsCommand.commandLine().setErr(new PrintWriter(err)).execute("compile",
                    "--jdbc-url", server.jdbcUrl("scratch") + "?user=postgres",
                    "--definitions", dir.resolve("definitions.sql").toString(), "--output", migration.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(err.toString()).contains("wrote 2 TVIEW(s)");
            try (Connection c = server.connect("scratch"); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT to_regnamespace('tviews') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the scratch database is left as it was").isTrue();
            }

            try (Connection c = server.connect("target"); Statement st = c.createStatement()) {
                st.execute(Files.readString(migration));
                Oracle oracle = Oracle.of(List.of(
                        OracleTarget.of("tv_book", "pk_book", CompileCommand.parse(DEFINITIONS).get(0).select()),
                        OracleTarget.of("tv_author_books", "pk_author", CompileCommand.parse(DEFINITIONS).get(1).select())));
                assertFresh(oracle, c);
                for (String mode : List.of("row", "statement")) {
                    st.execute("SELECT pg_tviews_install_" + (mode.equals("row") ? "row" : "stmt") + "_triggers()");
                    int n = mode.equals("row") ? 10 : 20;
                    st.execute("UPDATE tb_author SET name = name || '!' WHERE pk_author = 1");
                    st.execute("INSERT INTO tb_book VALUES (" + n + ", 'New " + mode + "', 2)");
                    st.execute("INSERT INTO tb_review VALUES (" + n + ", " + n + ", 3), (" + (n + 1) + ", 3, 1)");
                    st.execute("UPDATE tb_book SET fk_author = 2 WHERE pk_book = 1");
                    st.execute("DELETE FROM tb_review WHERE pk_review = 2");
                    assertFresh(oracle, c);
                }
            }
        }
    }

    private static void assertFresh(Oracle oracle, Connection c) throws SQLException {
        OracleReport report = oracle.check(c);
        assertThat(report.fresh()).as(report.describe()).isTrue();
        OracleReport engine = Oracle.of(Oracle.tviewsTargets(c)).check(c);
        assertThat(engine.fresh()).as(engine.describe()).isTrue();
    }
}
