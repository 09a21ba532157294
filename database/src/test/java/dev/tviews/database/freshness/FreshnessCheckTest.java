package dev.tviews.database.freshness;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared oracle on a hand-made read model: what counts as fresh, and every kind of stale row. */
@ExtendWith(PostgresExtension.class)
class FreshnessCheckTest {

    private static final String DEFINITION = "SELECT pk, jsonb_build_object('n', name) AS data, "
            + "json_build_object('n', name) AS doc, 1.0::numeric AS amount FROM tb_thing;";

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Test
    void aFreshReadModelHasNoStaleRowsAndEachDamageIsCountedOnItsSide(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "CREATE TABLE tb_thing (pk int PRIMARY KEY, name text)",
                    "INSERT INTO tb_thing VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                    // Equal by value though written differently: json key spacing, numeric scale; an extra column.
                    "CREATE TABLE tv_thing (pk int, data jsonb, doc json, amount numeric, added_by_strategy int)",
                    "INSERT INTO tv_thing SELECT pk, jsonb_build_object('n', name), ('{\"n\" :  \"' || name || '\"}')::json, "
                            + "1.00, 7 FROM tb_thing");
            FreshnessCheck check = FreshnessCheck.prepare(c, "tv_thing", "\"tv_thing\"", DEFINITION, List.of("pk"));
            assertThat(check.columns()).containsExactly("pk", "data", "doc", "amount");
            assertThat(check.run(c)).as("fresh").isEmpty();

            exec(c, "UPDATE tv_thing SET data = '{\"n\": \"stale\"}' WHERE pk = 1",
                    "DELETE FROM tv_thing WHERE pk = 2",
                    "INSERT INTO tv_thing SELECT * FROM tv_thing WHERE pk = 3");
            assertThat(check.run(c)).extracting(s -> s.key() + (s.missing() ? " missing x" : " extra x") + s.copies())
                    .containsExactlyInAnyOrder("1 missing x1", "1 extra x1", "2 missing x1", "3 extra x1");
        }
    }

    @Test
    void whatCannotBeComparedSaysWhy(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, "CREATE TABLE tb_thing (pk int PRIMARY KEY, name text)", "CREATE TABLE tv_other (pk int)");
            assertThatThrownBy(() -> FreshnessCheck.prepare(c, "tv_x", "tv_x", "SELECT nope FROM tb_thing", List.of("pk")))
                    .hasMessageContaining("the definition of tv_x does not run");
            assertThatThrownBy(() -> FreshnessCheck.prepare(c, "tv_x", "tv_other", DEFINITION, List.of("pk_nope")))
                    .hasMessageContaining("has no key column pk_nope");
            assertThatThrownBy(() -> FreshnessCheck.prepare(c, "tv_other", "tv_other", DEFINITION, List.of("pk")))
                    .hasMessageContaining("read model tv_other cannot be compared").hasMessageContaining("create the read model");
        }
    }
}
