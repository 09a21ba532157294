package dev.tviews.engine;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Notices;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tv table's id is unique only where the sources' constraints prove it, or the TVIEW asks for
 * it; the form of its index is decided when the TVIEW is compiled, and said in a NOTICE, in the
 * index's comment and in {@link TviewInfo#id()}.
 */
@Schema("sellers")
class IdUniquenessTest {

    private static final String NOTES = "SELECT n.pk_note, n.id, jsonb_build_object('body', n.body) AS data FROM tb_note n";

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void anIdWithoutAUniqueConstraintGetsAPlainIndexAndMayRepeat(TriggerMode mode, TestDb db) throws SQLException {
        db.tviews().setTriggerMode(mode);
        List<String> notices = new ArrayList<>();
        TviewInfo info = Tviews.on(Notices.collect(db.connection(), notices)).create("tv_note", NOTES);

        assertThat(idIndex(db, "tv_note")).isEqualTo("tv_note_id_idx plain");
        assertThat(info.id()).hasValueSatisfying(id -> {
            assertThat(id.unique()).isFalse();
            assertThat(id.name()).isEqualTo("tv_note_id_idx");
            assertThat(id.reason()).contains("public.tb_note.id has no primary key, UNIQUE constraint or unique index");
        });
        assertThat(notices).anySatisfy(n -> assertThat(n)
                .contains("the index on public.tv_note.id is not unique: public.tb_note.id has no primary key"));
        assertThat(db.scalar("SELECT obj_description('tv_note_id_idx'::regclass, 'pg_class')"))
                .startsWith("tviews: index on id, not unique");

        db.begin();
        db.exec("INSERT INTO tb_note (pk_note, id, body) SELECT 3, id, 'a copy' FROM tb_note WHERE pk_note = 1");
        db.commit();
        assertThat(db.scalarLong("SELECT count(DISTINCT pk_note) FROM tv_note "
                + "WHERE id = (SELECT id FROM tb_note WHERE pk_note = 1)")).isEqualTo(2);
        db.assertSameRows("tv_note", NOTES);
        db.assertFresh("tv_note");
    }

    @Test
    void anIdUniqueInItsTableAndReadFromTheKeysRowGetsADeferredUniqueConstraint(TestDb db) throws SQLException {
        db.createAll("sellers");
        for (String tv : List.of("tv_item", "tv_seller", "tv_product", "tv_shop")) {
            assertThat(idIndex(db, tv)).as(tv).isEqualTo(tv + "_id_idx unique deferrable initially deferred");
            assertThat(db.tviews().info(tv).id()).hasValueSatisfying(id -> assertThat(id.unique()).isTrue());
        }
        assertThat(db.tviews().info("tv_seller").id().orElseThrow().reason()).isEqualTo("unique, checked at commit: "
                + "public.tb_account.id is unique (tb_account_id_key) and comes from the same row as the key a.pk_account");
        assertThat(db.scalar("SELECT options ->> 'uniqueId' FROM tviews.tview WHERE tv_table = 'tv_seller'::regclass"))
                .isEqualTo("false");
    }

    @Test
    void anIdFromAnotherRowThanTheKeysIsNotProven(TestDb db) throws SQLException {
        // Each item carries its seller's id: two items of one seller share it.
        String definition = "SELECT i.pk_item, a.id, i.title FROM tb_item i JOIN tb_account a ON a.pk_account = i.fk_seller";
        TviewInfo info = db.create("tv_item_seller", definition);
        assertThat(info.id().orElseThrow().reason()).contains("id is a.id of public.tb_account AS a but the key is "
                + "i.pk_item of public.tb_item AS i");
        db.exec("INSERT INTO tb_item VALUES (12, gen_random_uuid(), 'chair', 2)");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_item_seller WHERE id = '00000000-0000-0000-0000-00000000000b'"))
                .isEqualTo(2);
        db.assertSameRows("tv_item_seller", definition);
    }

    @Test
    void aComputedIdOrAPartialUniqueIndexProvesNothing(TestDb db) throws SQLException {
        TviewInfo computed = db.create("tv_account_hash", "SELECT a.pk_account, md5(a.email)::uuid AS id FROM tb_account a");
        assertThat(computed.id().orElseThrow().reason()).contains("the definition computes id");
        db.exec("CREATE UNIQUE INDEX tb_note_id_partial ON tb_note (id) WHERE body IS NOT NULL");
        assertThat(db.create("tv_note", NOTES).id().orElseThrow().unique()).isFalse();
        db.exec("SELECT pg_tviews_drop('tv_note')", "CREATE UNIQUE INDEX tb_note_id_full ON tb_note (id)");
        assertThat(db.create("tv_note", NOTES).id().orElseThrow().reason()).contains("(tb_note_id_full)");
        assertThat(idIndex(db, "tv_note")).isEqualTo("tv_note_id_idx unique deferrable initially deferred");
    }

    @Test
    void theOptionUniqueIdMakesItUniqueAndARepeatFailsAtCommit(TestDb db) throws SQLException {
        TviewInfo info = db.tviews().create(new TviewDefinition("tv_note", NOTES, TviewOptions.defaults().withUniqueId()));
        assertThat(idIndex(db, "tv_note")).isEqualTo("tv_note_id_idx unique deferrable initially deferred");
        assertThat(info.id().orElseThrow().reason()).startsWith("unique, checked at commit, as the option uniqueId asks, "
                + "though not proven: public.tb_note.id has no");

        db.begin();
        db.exec("INSERT INTO tb_note (pk_note, id, body) SELECT 3, id, 'a copy' FROM tb_note WHERE pk_note = 1");
        assertThat(db.scalarLong("SELECT count(*) FROM tv_note")).as("the statement succeeds").isEqualTo(3);
        assertThatThrownBy(db::commit).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
                .hasMessageContaining("tv_note_id_idx");
        db.rollback();
        assertThat(db.scalarLong("SELECT count(*) FROM tb_note")).isEqualTo(2);
        db.assertSameRows("tv_note", NOTES);
    }

    @Test
    void theOptionUniqueIdRefusesRowsThatAlreadyRepeatAnId(TestDb db) throws SQLException {
        db.exec("UPDATE tb_note SET id = (SELECT id FROM tb_note WHERE pk_note = 1)");
        assertThatThrownBy(() -> db.tviews().create(new TviewDefinition("tv_note", NOTES,
                TviewOptions.defaults().withUniqueId())))
                .isInstanceOf(TviewsException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
                .hasMessageContaining("the rows with pk_note 1 and 2 share the id");
        assertThat(db.scalar("SELECT to_regclass('tv_note')::text")).isNull();
    }

    @Test
    void theOptionUniqueIdIsRefusedOnAPartitionedTable(TestDb db) {
        assertThatThrownBy(() -> db.tviews().create(new TviewDefinition("tv_note", NOTES,
                TviewOptions.defaults().withUniqueId().withPartitioning(Partitioning.hash("pk_note", 2)))))
                .isInstanceOf(TviewsException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("partitioned on pk_note");
    }

    @Test
    void updatesStayHotAndLookupsByIdUseTheIndex(TestDb db) throws SQLException {
        db.createAll("sellers");
        db.begin();
        db.exec("UPDATE tb_account SET email = 'renamed@example.org' WHERE pk_account = 2");
        assertThat(db.scalar("SELECT n_tup_upd || ' ' || n_tup_hot_upd FROM pg_stat_xact_user_tables "
                + "WHERE relid = 'tv_seller'::regclass")).as("updates, of which HOT").isEqualTo("1 1");
        db.exec("SET LOCAL enable_seqscan = off");
        assertThat(String.join("\n", db.column("EXPLAIN SELECT data FROM tv_seller "
                + "WHERE id = '00000000-0000-0000-0000-00000000000b'"))).contains("tv_seller_id_idx");
        db.rollback();
    }

    @Test
    void aRecompileFollowsTheProof(TestDb db) throws SQLException {
        String sellers = Definitions.load("sellers").get("tv_item");
        db.create("tv_item", sellers);
        // Without the source's constraint the proof is gone: the next compile makes a plain index.
        db.exec("ALTER TABLE tb_item DROP CONSTRAINT tb_item_id_key");
        assertThat(db.tviews().recompile("tv_item").id().orElseThrow().unique()).isFalse();
        assertThat(idIndex(db, "tv_item")).isEqualTo("tv_item_id_idx plain");
        db.exec("UPDATE tb_item SET id = '00000000-0000-0000-0000-000000000010'");
        db.assertSameRows("tv_item", sellers);
        db.exec("UPDATE tb_item SET id = gen_random_uuid()", "ALTER TABLE tb_item ADD UNIQUE (id)");
        assertThat(db.tviews().recompile("tv_item").id().orElseThrow().unique()).isTrue();
        assertThat(idIndex(db, "tv_item")).isEqualTo("tv_item_id_idx unique deferrable initially deferred");
        // An index a user adds on id is left alone.
        db.exec("CREATE INDEX mine ON tv_item (id)");
        db.tviews().recompile("tv_item");
        assertThat(db.column("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'tv_item'::regclass "
                + "ORDER BY 1")).containsExactly("mine", "tv_item_fk_seller_idx", "tv_item_id_idx", "tv_item_pkey");
    }

    /** The tv table's indexes on id, as "name plain" or "name unique deferrable initially deferred". */
    static String idIndex(TestDb db, String table) throws SQLException {
        return String.join("; ", db.column("""
                SELECT c.relname || CASE WHEN NOT i.indisunique THEN ' plain'
                                         ELSE ' unique' || CASE WHEN k.condeferrable THEN ' deferrable' ELSE '' END
                                              || CASE WHEN k.condeferred THEN ' initially deferred' ELSE '' END END
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.contype = 'u'
                WHERE i.indrelid = '%s'::regclass AND a.attname = 'id' AND i.indnatts = 1 ORDER BY 1""".formatted(table)));
    }
}
