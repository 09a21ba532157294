package dev.tviews.scenarios;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.generate.LoadReport;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class DataLoaderTest {

    private static final List<String> TABLES = List.of("tb_category", "tb_supplier", "tb_product", "tb_inventory", "tb_review");

    @Test
    void sameSeedSameRowsOtherSeedOtherRows(FreshDatabase a, FreshDatabase b, FreshDatabase c) throws Exception {
        Scenario scenario = BundledScenarios.load("ecommerce");
        LoadReport report = load(a, scenario, LoadOptions.quiet());
        load(b, scenario, LoadOptions.quiet());
        load(c, scenario, LoadOptions.quiet().seed(scenario.seed() + 1));
        assertThat(report.rows()).containsExactly(java.util.Map.entry("tb_category", 20L), java.util.Map.entry("tb_supplier", 10L),
                java.util.Map.entry("tb_product", 1000L), java.util.Map.entry("tb_inventory", 1000L), java.util.Map.entry("tb_review", 5000L));
        for (String table : TABLES) {
            assertThat(checksum(b, table)).as(table + " with the same seed").isEqualTo(checksum(a, table));
            assertThat(checksum(c, table)).as(table + " with another seed").isNotEqualTo(checksum(a, table));
        }
    }

    @Test
    void fanOutKeysSequencesAndIndexes(FreshDatabase db) throws Exception {
        load(db, BundledScenarios.load("ecommerce"), LoadOptions.quiet());
        try (Connection c = db.connect()) {
            // fixed: exactly one inventory row per product
            assertThat(value(c, "SELECT count(*) FROM tb_product p WHERE (SELECT count(*) FROM tb_inventory i WHERE i.fk_product = p.pk_product) <> 1")).isZero();
            // zipf: the first product is far above the mean of 5 reviews, the median is below it
            assertThat(value(c, "SELECT count(*) FROM tb_review WHERE fk_product = 1")).isGreaterThan(40);
            assertThat(value(c, "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(r.pk_review) n FROM tb_product p "
                    + "LEFT JOIN tb_review r ON r.fk_product = p.pk_product GROUP BY p.pk_product) x")).isLessThan(5);
            // keys are 1..n and identity sequences continue after them
            assertThat(value(c, "SELECT max(pk_product) FROM tb_product")).isEqualTo(1000);
            assertThat(value(c, "INSERT INTO tb_category (id, name) VALUES (gen_random_uuid(), 'new') RETURNING pk_category")).isEqualTo(21);
            // the secondary indexes dropped for the copy are back
            assertThat(value(c, "SELECT count(*) FROM pg_indexes WHERE indexname IN ('tb_review_fk_product', 'tb_product_fk_category', 'tb_product_fk_supplier')"))
                    .isEqualTo(3);
            // ANALYZE ran
            assertThat(value(c, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'tb_review'")).isEqualTo(5000);
        }
    }

    @Test
    void generatedRowsThatBreakAForeignKeyAreRefusedAndNothingIsLeft(FreshDatabase db, @TempDir Path dir) throws Exception {
        String text = ScenarioValidationTest.good().replace("fk_item: { key: tb_item, distribution: zipf, skew: 1.2 }",
                "fk_item: { random: int, min: 1, max: 1000 }");
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, text);
        Scenario scenario = ScenarioReader.read(file);
        assertThatThrownBy(() -> load(db, scenario, LoadOptions.quiet()))
                .hasMessageContaining("generated rows of tb_tag violate foreign key tb_tag_fk_item_fkey")
                .hasMessageContaining("{ key: tb_item }");
        ScenarioValidationTest.assertEmpty(db);
    }

    private static LoadReport load(FreshDatabase db, Scenario scenario, LoadOptions options) throws SQLException {
        try (Connection c = db.connect()) {
            return DataLoader.load(c, scenario, "small", options);
        }
    }

    private static String checksum(FreshDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long value(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
