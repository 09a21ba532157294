package dev.tviews.checker.generate;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.engine.Tviews;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.validation.ScenarioValidator;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogModelTest {

    @Test
    void readsTablesKeysForeignKeyActionsAndColumnKindsFromTheCatalog(FreshDatabase db) throws Exception {
        Scenario shapes = ScenarioReader.read(ScenarioSource.classpath("scenarios/shapes.yaml"));
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            ScenarioValidator.createSchemaAndValidate(c, shapes);
            c.commit();
            c.setAutoCommit(true);
            Tviews.on(c).install();
            Tviews.on(c).create("tv_org", shapes.tviews().get(0).select().sql());

            CatalogModel catalog = CatalogModel.read(c, List.of());
            assertThat(catalog.tables()).extracting(TableModel::sqlName)
                    .as("parents first; the TVIEW (guard trigger) and the engine's schema are left out")
                    .containsExactly("tb_org", "tb_member", "tb_event", "tb_task", "tb_assignment");
            assertThat(catalog.partitions(catalog.requireTable("tb_event"))).hasValueSatisfying(p -> {
                assertThat(p.partitions()).containsExactly("tb_event_order", "tb_event_other", "tb_event_visit",
                        "tb_event_order_high", "tb_event_order_low");
                assertThat(p.keyColumns()).containsExactly("kind", "points");
            });
            assertThat(catalog.partitions(catalog.requireTable("tb_org"))).isEmpty();

            TableModel org = catalog.requireTable("tb_org");
            assertThat(org.primaryKey()).containsExactly("pk_org");
            assertThat(org.uniques()).containsExactly(List.of("id"));
            assertThat(org.requireColumn("pk_org").identity()).isEqualTo("d");
            assertThat(org.foreignKeys()).singleElement().satisfies(f -> {
                assertThat(f.parent()).isEqualTo("tb_org");
                assertThat(f.onDelete()).isEqualTo('n');
            });

            TableModel member = catalog.requireTable("tb_member");
            assertThat(member.requireColumn("pk_member").numberedByDatabase()).isTrue();
            assertThat(member.requireColumn("pk_member").isIdentity()).isFalse();
            assertThat(member.requireColumn("display").generated()).isTrue();
            assertThat(member.requireColumn("mood").enumLabels()).containsExactly("happy", "sad", "meh");
            assertThat(member.requireColumn("tags").elementType()).isEqualTo("text");
            assertThat(member.requireColumn("code").maxLength()).isEqualTo(16);
            assertThat(member.foreignKeys()).singleElement().satisfies(f -> {
                assertThat(f.onDelete()).isEqualTo('r');
                assertThat(f.onUpdate()).isEqualTo('c');
                assertThat(f.blocksDelete()).isTrue();
                assertThat(f.blocksUpdate()).isFalse();
            });

            TableModel task = catalog.requireTable("tb_task");
            assertThat(task.requireColumn("pk_task").identityAlways()).isTrue();
            assertThat(task.checkedColumns()).containsExactly("estimate");

            TableModel assignment = catalog.requireTable("tb_assignment");
            assertThat(assignment.primaryKey()).containsExactly("fk_task", "fk_member");
            assertThat(catalog.referencing(member)).extracting(ForeignKeyModel::child)
                    .containsExactlyInAnyOrder("tb_event", "tb_task", "tb_assignment");
            assertThat(catalog.affectedBy("tb_org")).containsExactly("tb_org", "tb_member", "tb_event", "tb_task", "tb_assignment");
            assertThat(catalog.affectedBy("tb_task")).containsExactly("tb_task", "tb_assignment");
        }
    }
}
