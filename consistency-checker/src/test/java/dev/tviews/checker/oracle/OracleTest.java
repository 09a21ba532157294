package dev.tviews.checker.oracle;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The oracle against real PostgreSQL, on read models that are plain tables filled from their
 * definition and then damaged by hand, so that every kind of difference is known exactly.
 */
@ExtendWith(PostgresExtension.class)
class OracleTest {

    private static final String BOOK = """
            SELECT b.pk_book, b.id, jsonb_build_object('title', b.title, 'price', b.price,
                   'author', jsonb_build_object('name', a.name),
                   'tags', (SELECT coalesce(jsonb_agg(t.label ORDER BY t.label), '[]') FROM tb_tag t WHERE t.fk_book = b.pk_book)) AS data
            FROM tb_book b JOIN tb_author a ON a.pk_author = b.fk_author""";

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void schema(Connection c) throws SQLException {
        sql(c, """
                CREATE TABLE tb_author (pk_author int PRIMARY KEY, name text NOT NULL);
                CREATE TABLE tb_book (pk_book int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      title text, price numeric(8, 2), fk_author int REFERENCES tb_author);
                CREATE TABLE tb_tag (pk_tag int PRIMARY KEY, fk_book int REFERENCES tb_book, label text);
                INSERT INTO tb_author VALUES (1, 'Ann'), (2, 'Bob');
                INSERT INTO tb_book (pk_book, title, price, fk_author) SELECT g, 'Book ' || g, g * 1.5, 1 + g % 2
                  FROM generate_series(1, 6) g;
                INSERT INTO tb_tag SELECT g, 1 + g % 3, 'tag' || (g % 4) FROM generate_series(1, 10) g;
                """);
    }

    private static Oracle bookOracle(Connection c) throws SQLException {
        sql(c, "CREATE TABLE tv_book AS " + BOOK);
        return Oracle.of(List.of(OracleTarget.of("tv_book", "pk_book", BOOK)));
    }

    @Test
    void freshWhenTheReadModelEqualsItsDefinition(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            OracleReport report = bookOracle(c).check(c);
            assertThat(report.fresh()).as(report.describe()).isTrue();
            assertThat(report.targets()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("tv_book"));
        }
    }

    @Test
    void countsMissingExtraAndDifferingKeysAndNamesThePaths(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            Oracle oracle = bookOracle(c);
            sql(c, "DELETE FROM tv_book WHERE pk_book = 2");                               // missing
            sql(c, "INSERT INTO tv_book VALUES (99, gen_random_uuid(), '{}')");           // extra
            sql(c, "UPDATE tb_author SET name = 'Bob' WHERE pk_author = 1");               // books 2, 4, 6 differ (2 is missing)
            sql(c, "UPDATE tv_book SET data = jsonb_set(data, '{tags}', '[\"zz\"]') WHERE pk_book = 4");
            OracleReport report = oracle.check(c);
            TargetReport t = report.targets().get(0);
            assertThat(report.fresh()).isFalse();
            assertThat(t.missing()).isEqualTo(1);
            assertThat(t.extra()).isEqualTo(1);
            assertThat(t.differing()).isEqualTo(2);
            assertThat(t.examples()).extracting(RowDifference::key).containsExactly("2", "4", "6", "99");
            RowDifference four = t.examples().get(1);
            assertThat(four.kind()).isEqualTo(RowDifference.Kind.DIFFERS);
            assertThat(four.differences()).extracting(PathDifference::toString).contains(
                    "$.data.author.name: \"Ann\" ≠ \"Bob\"", "$.data.tags[0]: extra \"zz\" (the definition has none)");
            assertThat(report.describe())
                    .contains("tv_book: 1 missing, 1 extra, 2 differing rows")
                    .contains("key 2 missing from tv_book")
                    .contains("key 99 extra in tv_book")
                    .contains("$.data.author.name: \"Ann\" ≠ \"Bob\"");
        }
    }

    @Test
    void examplesAreLimitedButCountsAreNot(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            Oracle oracle = bookOracle(c).withExamples(2);
            sql(c, "TRUNCATE tv_book");
            TargetReport t = oracle.check(c).targets().get(0);
            assertThat(t.missing()).isEqualTo(6);
            assertThat(t.examples()).hasSize(2);
            assertThat(t.describe()).contains("… and 4 more keys");
        }
    }

    @Test
    void aDuplicateRowIsADifference(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            String select = "SELECT a.pk_author, a.name FROM tb_author a";
            sql(c, "CREATE TABLE tv_author AS " + select);
            Oracle oracle = Oracle.of(List.of(OracleTarget.of("tv_author", "pk_author", select)));
            sql(c, "INSERT INTO tv_author SELECT * FROM tv_author WHERE pk_author = 1");
            TargetReport t = oracle.check(c).targets().get(0);
            assertThat(t.extra()).isEqualTo(1);
            assertThat(t.missing() + t.differing()).isZero();
        }
    }

    @Test
    void elementOrderOfAnUnorderedAggregateIsNoDifferenceButOfAnOrderedOneItIs(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            String unordered = "SELECT b.pk_book, (SELECT jsonb_agg(t.label) FROM tb_tag t WHERE t.fk_book = b.pk_book) AS tags FROM tb_book b";
            String ordered = "SELECT b.pk_book, (SELECT jsonb_agg(t.label ORDER BY t.label) FROM tb_tag t WHERE t.fk_book = b.pk_book) AS tags FROM tb_book b";
            sql(c, "CREATE TABLE tv_u AS " + unordered);
            sql(c, "CREATE TABLE tv_o AS " + ordered);
            Oracle oracle = Oracle.of(List.of(OracleTarget.of("tv_u", "pk_book", unordered), OracleTarget.of("tv_o", "pk_book", ordered)));
            String reverse = " SET tags = (SELECT jsonb_agg(e ORDER BY n DESC) FROM jsonb_array_elements(tags) WITH ORDINALITY x(e, n))";
            sql(c, "UPDATE tv_u" + reverse);
            sql(c, "UPDATE tv_o" + reverse);
            OracleReport report = oracle.check(c);
            assertThat(report.targets().get(0).fresh()).as(report.describe()).isTrue();
            assertThat(report.targets().get(1).differing()).isEqualTo(3);
            // a changed element is still found in the unordered one
            sql(c, "UPDATE tv_u SET tags = tags || '\"new\"' WHERE pk_book = 1");
            TargetReport u = oracle.check(c, Set.of("tv_u")).targets().get(0);
            assertThat(u.differing()).isEqualTo(1);
            assertThat(u.examples().get(0).differences()).extracting(PathDifference::toString)
                    .containsExactly("$.tags[*]: extra \"new\" (the definition has none)");
        }
    }

    @Test
    void floatsWithinRoundingAreEqualNumericsAndJsonByValue(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            sql(c, """
                    CREATE TABLE tb_m (pk int PRIMARY KEY, weight float8, price numeric(8, 2), doc json);
                    INSERT INTO tb_m VALUES (1, 0.1, 1.5, '{"a": 1,   "b": [1, 2]}'), (2, 0.2, 2, '{"b":[1,2],"a":1}');
                    """);
            String select = "SELECT m.pk, m.weight + 0.2 AS w, m.price, m.doc, jsonb_build_object('w', m.weight * 3) AS data FROM tb_m m";
            sql(c, "CREATE TABLE tv_m AS " + select);
            Oracle oracle = Oracle.of(List.of(OracleTarget.of("tv_m", "pk", select)));
            // last-bit noise a different summation order could give, numeric scale, json spacing and key order
            sql(c, "UPDATE tv_m SET w = w + 5e-17, data = jsonb_build_object('w', (data->>'w')::float8 * (1 + 1e-15)), "
                    + "price = price::numeric(8, 3), doc = '{\"a\":1,\"b\":[1,2]}'");
            OracleReport report = oracle.check(c);
            assertThat(report.fresh()).as(report.describe()).isTrue();
            sql(c, "UPDATE tv_m SET w = w + 0.001 WHERE pk = 2");
            assertThat(oracle.check(c).targets().get(0).examples().get(0).differences())
                    .extracting(PathDifference::path).containsExactly("$.w");
        }
    }

    @Test
    void seesTheWritesOfTheTransactionItRunsIn(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            Oracle oracle = bookOracle(c);
            c.setAutoCommit(false);
            sql(c, "UPDATE tb_book SET title = 'changed' WHERE pk_book = 1");
            assertThat(oracle.check(c).differing()).isEqualTo(1);
            c.rollback();
            assertThat(oracle.check(c).fresh()).isTrue();
        }
    }

    @Test
    void explainsWhatIsWrongWithATarget(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            schema(c);
            assertThatThrownBy(() -> Oracle.of(List.of(OracleTarget.of("tv_book", "pk_book", BOOK))).check(c))
                    .hasMessageContaining("read model tv_book cannot be compared").hasMessageContaining("create the read model");
            assertThatThrownBy(() -> Oracle.of(List.of(OracleTarget.of("tv_book", "pk_nope", BOOK))).check(c))
                    .hasMessageContaining("has no key column pk_nope");
            assertThatThrownBy(() -> Oracle.of(List.of(OracleTarget.of("tv_x", "pk", "SELECT nope FROM tb_book"))).check(c))
                    .hasMessageContaining("the definition of tv_x does not run");
        }
    }
}
