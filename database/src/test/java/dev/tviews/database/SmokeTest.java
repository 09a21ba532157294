package dev.tviews.database;

import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine depends on, proven on the server the run uses. */
@ExtendWith(PostgresExtension.class)
class SmokeTest {

    @Test
    void serverIsTheConfiguredMajor(PostgresServer server) throws SQLException {
        PostgresOptions options = PostgresOptions.fromEnvironment();
        if (options.provider() == PostgresProvider.EMBEDDED) {
            assertThat(server.serverMajorVersion()).isEqualTo(options.majorVersion());
        }
        assertThat(server.serverVersion()).matches("\\d+(\\.\\d+)?.*");
    }

    @Test
    void jsonbBuildObjectAndAggregate(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_item (pk_item int PRIMARY KEY, name text)");
            st.execute("INSERT INTO tb_item VALUES (1, 'a'), (2, 'b')");
            ResultSet rs = st.executeQuery("SELECT jsonb_agg(jsonb_build_object('id', pk_item, 'name', name) "
                    + "ORDER BY pk_item)::text FROM tb_item");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]");
        }
    }

    @Test
    void plpgsqlFunction(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION twice(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 2 * x; END $$");
            ResultSet rs = st.executeQuery("SELECT twice(21)");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void statementTriggerSeesTransitionTable(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_src (pk int PRIMARY KEY, v int)");
            st.execute("CREATE TABLE audit (rows_seen int, total int)");
            st.execute("""
                    CREATE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      INSERT INTO audit SELECT count(*), sum(v) FROM new_rows;
                      RETURN NULL;
                    END $$""");
            st.execute("CREATE TRIGGER t AFTER INSERT ON tb_src REFERENCING NEW TABLE AS new_rows "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION audit_insert()");
            st.execute("INSERT INTO tb_src SELECT g, g FROM generate_series(1, 100) g");
            ResultSet rs = st.executeQuery("SELECT rows_seen, total FROM audit");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(100);
            assertThat(rs.getInt(2)).isEqualTo(5050);
            assertThat(rs.next()).as("one statement fires the trigger once").isFalse();
        }
    }
}
