package dev.tviews.database;

import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.sql.Identifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class TemplateDatabaseTest {

    @Test
    void clonesCarryTheTemplateAndAreIsolated(PostgresServer server) throws SQLException {
        try (TemplateDatabase template = TemplateDatabase.create(server, "tviews_test_template", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE tb_seed (pk int PRIMARY KEY)");
                st.execute("INSERT INTO tb_seed SELECT generate_series(1, 10)");
            }
        })) {
            List<Long> micros = new ArrayList<>();
            try (FreshDatabase a = template.cloneFresh(); FreshDatabase b = template.cloneFresh()) {
                micros.add(a.cloneTime().toNanos() / 1000);
                micros.add(b.cloneTime().toNanos() / 1000);
                assertThat(a.name()).isNotEqualTo(b.name());
                try (Connection ca = a.connect(); Statement st = ca.createStatement()) {
                    st.execute("DELETE FROM tb_seed");
                }
                assertThat(count(b, "tb_seed")).as("a write in one clone is invisible in another").isEqualTo(10);
                assertThat(count(a, "tb_seed")).isZero();
                String dropped = a.name();
                a.close();
                assertThat(databaseExists(server, dropped)).as("closing a clone drops it").isFalse();
            }
            for (int i = 0; i < 8; i++) {
                try (FreshDatabase db = template.cloneFresh()) {
                    micros.add(db.cloneTime().toNanos() / 1000);
                }
            }
            Collections.sort(micros);
            System.out.printf("template clone time over %d clones: median %.1f ms, max %.1f ms%n",
                    micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        }
        assertThat(databaseExists(server, "tviews_test_template")).as("closing the template drops it").isFalse();
    }

    private static long count(FreshDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean databaseExists(PostgresServer server, String name) throws SQLException {
        try (Connection c = server.connect();
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
