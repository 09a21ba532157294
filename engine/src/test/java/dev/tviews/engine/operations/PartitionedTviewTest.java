package dev.tviews.engine.operations;

import dev.tviews.engine.Partitioning;
import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewOptions;
import dev.tviews.engine.TviewsException;
import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partitioned tv_* tables, as in the architect guide's partitioning sections. */
@Schema("social")
class PartitionedTviewTest {

    private static final String TV_POST = Definitions.load("social").get("tv_post");

    /** The guide's time-based layout: a partition key column in the definition. */
    private static final String TV_POST_BY_YEAR = "SELECT p.pk_post, p.id, p.fk_user, "
            + "extract(year FROM p.created_at AT TIME ZONE 'UTC')::int AS partition_key, "
            + "jsonb_build_object('title', p.title, 'author', u.name) AS data "
            + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user";

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void hashPartitionsStayExactWhenRowsMoveBetweenThem(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        db.tviews().create(new TviewDefinition("tv_post", TV_POST,
                TviewOptions.defaults().withPartitioning(Partitioning.hash("fk_user", 4))));
        assertThat(db.scalarLong("SELECT count(*) FROM pg_inherits WHERE inhparent = 'tv_post'::regclass")).isEqualTo(4);
        assertThat(db.column("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'tv_post'::regclass AND i.indisprimary ORDER BY 1"))
                .containsExactly("fk_user", "pk_post");
        String partitionBefore = db.scalar("SELECT tableoid::regclass::text FROM tv_post WHERE pk_post = 1");
        // Every user in turn, so the row certainly crosses partitions.
        for (int user = 1; user <= 6; user++) {
            db.exec("UPDATE tb_post SET fk_user = " + user + " WHERE pk_post = 1");
            db.assertFresh("tv_post");
            assertThat(db.scalarLong("SELECT count(*) FROM tv_post WHERE pk_post = 1")).isEqualTo(1);
        }
        assertThat(db.column("SELECT DISTINCT tableoid::regclass::text FROM tv_post")).hasSizeGreaterThan(1);
        assertThat(partitionBefore).startsWith("tv_post_p");
        db.exec("UPDATE tb_post SET fk_user = 1 + (pk_post % 5)", "DELETE FROM tb_post WHERE pk_post = 2",
                "INSERT INTO tb_post (title, fk_user) VALUES ('new', 3)", "SELECT pg_tviews_refresh('tv_post')");
        db.assertFresh("tv_post");
    }

    @Test
    void rangePartitionsUseTheGuidesPartitionKeyColumn(TestDb db) throws SQLException {
        db.tviews().create(new TviewDefinition("tv_post", TV_POST_BY_YEAR,
                TviewOptions.defaults().withPartitioning(Partitioning.range("partition_key"))));
        // As in the guide: partitions for future years are added by hand; rows land in them.
        db.exec("CREATE TABLE tv_post_y2030 PARTITION OF tv_post FOR VALUES FROM (2030) TO (2031)",
                "UPDATE tb_post SET created_at = '2030-06-01' WHERE pk_post IN (1, 2)");
        db.assertFresh("tv_post");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_post_y2030")).isEqualTo(2);
        db.exec("UPDATE tb_post SET created_at = '2025-06-01' WHERE pk_post = 1");
        db.assertFresh("tv_post");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_post_y2030")).isEqualTo(1);
        assertThat(db.scalarLong("SELECT count(*) FROM tv_post_default")).isEqualTo(
                db.scalarLong("SELECT count(*) FROM tb_post") - 1);
    }

    @Test
    void aPartitionColumnTheDefinitionLacksIsRefused(TestDb db) throws SQLException {
        assertThatThrownBy(() -> db.tviews().create(new TviewDefinition("tv_post", TV_POST,
                TviewOptions.defaults().withPartitioning(Partitioning.hash("nope", 4)))))
                .isInstanceOf(TviewsException.class).hasMessageContaining("no such column")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
        assertThat(db.scalar("SELECT to_regclass('tv_post')::text")).isNull();
    }
}
