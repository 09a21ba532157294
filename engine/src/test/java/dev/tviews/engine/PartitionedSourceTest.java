package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A partitioned table as a source (docs/engine.md, "Partitioned sources"), in both trigger modes: a
 * write maintains the TVIEWs whichever table of the partition tree it names, a new partition is
 * adopted, and attaching, detaching or dropping one is refused unless allowed and followed by a
 * recompile. The orders are partitioned by region, the US ones again by year, with a default
 * partition and one attached with its columns in another order. Judged by the shared oracle.
 */
@Schema("social")
class PartitionedSourceTest {

    private static final String[] ORDERS = {
            "CREATE TABLE tb_order (pk_order int NOT NULL, region text NOT NULL, fk_user int NOT NULL, amount int NOT NULL, "
                    + "placed date NOT NULL, PRIMARY KEY (pk_order, region, placed)) PARTITION BY LIST (region)",
            "CREATE TABLE tb_order_eu PARTITION OF tb_order FOR VALUES IN ('eu')",
            "CREATE TABLE tb_order_us PARTITION OF tb_order FOR VALUES IN ('us') PARTITION BY RANGE (placed)",
            "CREATE TABLE tb_order_us_2024 PARTITION OF tb_order_us FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE tb_order_us_2025 PARTITION OF tb_order_us FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "CREATE TABLE tb_order_other PARTITION OF tb_order DEFAULT",
            // Columns in another order: its trigger's transition rows are not the parent's row type.
            "CREATE TABLE tb_order_asia (placed date NOT NULL, amount int NOT NULL, fk_user int NOT NULL, "
                    + "region text NOT NULL, pk_order int NOT NULL)",
            "ALTER TABLE tb_order ATTACH PARTITION tb_order_asia FOR VALUES IN ('asia')",
            "CREATE INDEX ON tb_order (fk_user)",
            "INSERT INTO tb_order VALUES (1, 'eu', 1, 10, '2024-05-01'), (2, 'us', 1, 20, '2024-06-01'), "
                    + "(3, 'us', 2, 30, '2025-02-01'), (4, 'mars', 2, 40, '2025-03-01'), (5, 'asia', 3, 50, '2025-04-01')"};
    /** The partitioned table is the key's table, and a plain table is looked up. */
    private static final String TV_ORDER = "SELECT o.pk_order, o.region, o.amount, o.placed, u.name "
            + "FROM tb_order o JOIN tb_user u ON u.pk_user = o.fk_user";
    /** The partitioned table is aggregated per user. */
    private static final String TV_USER_ORDERS = "SELECT u.pk_user, u.name, count(o.pk_order) AS orders, "
            + "coalesce(sum(o.amount), 0) AS total, array_agg(o.region ORDER BY o.pk_order) AS regions "
            + "FROM tb_user u LEFT JOIN tb_order o ON o.fk_user = u.pk_user GROUP BY u.pk_user, u.name";

    private static void orders(TestDb db, String mode) throws SQLException {
        db.exec(ORDERS);
        db.create("tv_order", TV_ORDER);
        db.create("tv_user_orders", TV_USER_ORDERS);
        db.tviews().setTriggerMode(mode.equals("row") ? TriggerMode.ROW : TriggerMode.STATEMENT);
        assertFresh(db);
    }

    private static void assertFresh(TestDb db) throws SQLException {
        db.assertFresh("tv_order", "tv_user_orders");
    }

    /** Each statement on its own, judged after it. */
    private static void writeEach(TestDb db, String... statements) throws SQLException {
        for (String sql : statements) {
            db.exec(sql);
            assertThat(db.stale("tv_order")).as("tv_order after %s", sql).isEmpty();
            assertThat(db.stale("tv_user_orders")).as("tv_user_orders after %s", sql).isEmpty();
        }
    }

    private static void assertRefused(TestDb db, String sql, String... fragments) {
        assertThatThrownBy(() -> db.exec(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("55000"))
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "row"})
    void writesNamingTheParentOrAnyPartitionMaintainTheTviews(String mode, TestDb db) throws Exception {
        orders(db, mode);
        writeEach(db,
                "INSERT INTO tb_order VALUES (10, 'eu', 2, 1, '2024-01-01'), (11, 'us', 3, 2, '2025-01-01'), "
                        + "(12, 'moon', 1, 3, '2024-01-01')",
                "INSERT INTO tb_order_eu VALUES (13, 'eu', 3, 4, '2024-02-02')",
                "INSERT INTO tb_order_us VALUES (14, 'us', 1, 5, '2024-03-03')",
                "INSERT INTO tb_order_us_2025 VALUES (15, 'us', 2, 6, '2025-03-03')",
                "INSERT INTO tb_order_other VALUES (16, 'venus', 3, 7, '2024-04-04')",
                "INSERT INTO tb_order_asia (pk_order, region, fk_user, amount, placed) VALUES (17, 'asia', 1, 8, '2024-05-05')",
                "UPDATE tb_order SET amount = amount + 1 WHERE pk_order IN (1, 2, 3, 4, 5)",
                "UPDATE tb_order_us_2024 SET amount = 99, fk_user = 3 WHERE pk_order = 2",
                "UPDATE tb_order_us SET placed = '2024-12-31' WHERE pk_order = 3",
                "UPDATE tb_order_asia SET fk_user = 2, amount = 55 WHERE pk_order = 5",
                "UPDATE tb_order_other SET fk_user = 1 WHERE pk_order = 4",
                // Rows moving between partitions: across regions, across years, into the default.
                "UPDATE tb_order SET region = 'us', placed = '2025-06-01' WHERE pk_order = 1",
                "UPDATE tb_order SET placed = '2024-06-01' WHERE pk_order = 11",
                "UPDATE tb_order SET region = 'asia', fk_user = 2 WHERE pk_order = 12",
                "UPDATE tb_order SET region = 'pluto' WHERE pk_order = 13",
                "UPDATE tb_user SET name = 'renamed' WHERE pk_user = 2",
                "DELETE FROM tb_order WHERE pk_order IN (4, 10)",
                "DELETE FROM tb_order_us_2025 WHERE pk_order = 15",
                "DELETE FROM tb_order_asia WHERE pk_order = 17",
                "WITH moved AS (DELETE FROM tb_order_eu RETURNING *) INSERT INTO tb_order_other SELECT pk_order, 'gone', "
                        + "fk_user, amount, placed FROM moved");
        PGConnection pg = db.connection().unwrap(PGConnection.class);
        pg.getCopyAPI().copyIn("COPY tb_order FROM STDIN (FORMAT csv)", new StringReader(
                "20,eu,1,100,2024-01-01\n21,us,2,200,2025-01-01\n22,asia,3,300,2024-01-01\n"));
        assertFresh(db);
        pg.getCopyAPI().copyIn("COPY tb_order_us_2024 FROM STDIN (FORMAT csv)", new StringReader("23,us,3,400,2024-07-07\n"));
        assertFresh(db);
        assertThat(db.scalarLong("SELECT orders FROM tv_user_orders WHERE pk_user = 3")).isEqualTo(6);
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "row"})
    void truncatingTheParentOrAPartitionRefreshesOnce(String mode, TestDb db) throws SQLException {
        orders(db, mode);
        db.exec("TRUNCATE tb_order_us_2024");
        assertFresh(db);
        db.exec("TRUNCATE tb_order_us");
        assertFresh(db);
        db.begin();
        db.exec("TRUNCATE tb_order");
        assertFresh(db);
        // Five partitions fired their TRUNCATE triggers too: the TVIEW was refreshed fully once.
        assertThat(db.stats("tv_order").fullRefreshes()).isEqualTo(1);
        db.exec("TRUNCATE tb_order_eu");
        assertThat(db.stats("tv_order").fullRefreshes()).as("nothing written since").isEqualTo(1);
        db.exec("INSERT INTO tb_order_eu VALUES (30, 'eu', 1, 1, '2024-01-01')", "INSERT INTO tb_order VALUES (31, 'us', 2, 2, '2024-01-01')");
        assertFresh(db);
        db.exec("TRUNCATE tb_order_eu");
        assertFresh(db);
        db.exec("TRUNCATE tb_order");
        assertFresh(db);
        db.commit();
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "row"})
    void aPartitionCreatedAfterwardsIsAdoptedAndMaintained(String mode, TestDb db) throws SQLException {
        orders(db, mode);
        db.exec("CREATE TABLE tb_order_apac PARTITION OF tb_order FOR VALUES IN ('apac')",
                "CREATE TABLE tb_order_us_2026 PARTITION OF tb_order_us FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        writeEach(db,
                "INSERT INTO tb_order_apac VALUES (40, 'apac', 1, 1, '2024-01-01')",
                "INSERT INTO tb_order_us_2026 VALUES (41, 'us', 2, 2, '2026-01-01')",
                "INSERT INTO tb_order VALUES (42, 'apac', 3, 3, '2026-05-05'), (43, 'us', 3, 4, '2026-05-05')",
                "UPDATE tb_order_apac SET amount = 10 WHERE pk_order = 40",
                "UPDATE tb_order_us_2026 SET placed = '2026-05-05' WHERE pk_order = 41",
                "UPDATE tb_order SET region = 'apac' WHERE pk_order = 1",
                "DELETE FROM tb_order_us_2026 WHERE pk_order = 43",
                "DELETE FROM tb_order_apac WHERE pk_order = 42");
        db.exec("TRUNCATE tb_order_apac");
        assertFresh(db);
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "row"})
    void attachingDetachingOrDroppingAPartitionIsRefusedUnlessAllowed(String mode, TestDb db) throws SQLException {
        orders(db, mode);
        db.exec("CREATE TABLE tb_order_africa (LIKE tb_order)", "INSERT INTO tb_order_africa VALUES (50, 'africa', 1, 5, '2024-01-01')");
        assertRefused(db, "ALTER TABLE tb_order ATTACH PARTITION tb_order_africa FOR VALUES IN ('africa')",
                "this change would leave TVIEW public.tv_order stale: partition public.tb_order_africa of public.tb_order was added",
                "SET LOCAL tviews.ddl = 'allow'", "Tviews.recompile('public.tv_order')");
        assertRefused(db, "ALTER TABLE tb_order DETACH PARTITION tb_order_eu", "partition public.tb_order_eu of public.tb_order was detached");
        assertRefused(db, "ALTER TABLE tb_order_us DETACH PARTITION tb_order_us_2025", "partition public.tb_order_us_2025 of public.tb_order");
        assertRefused(db, "DROP TABLE tb_order_us_2024",
                "cannot drop partition public.tb_order_us_2024 of public.tb_order: its rows would leave TVIEW "
                        + "public.tv_order, public.tv_user_orders without a write its triggers see",
                "SET LOCAL tviews.ddl = 'allow'");
        assertRefused(db, "DROP TABLE tb_order_us", "cannot drop partition public.tb_order_us");
        assertFresh(db);

        db.begin();
        db.exec("SET LOCAL tviews.ddl = 'allow'",
                "ALTER TABLE tb_order ATTACH PARTITION tb_order_africa FOR VALUES IN ('africa')",
                "ALTER TABLE tb_order DETACH PARTITION tb_order_eu",
                "DROP TABLE tb_order_us_2024");
        db.tviews().recompile("tv_order");
        db.commit();
        assertFresh(db);
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
        writeEach(db,
                "INSERT INTO tb_order_africa VALUES (51, 'africa', 2, 6, '2024-01-01')",
                "UPDATE tb_order_africa SET amount = 7 WHERE pk_order = 50",
                "INSERT INTO tb_order VALUES (52, 'africa', 3, 8, '2024-01-01'), (53, 'us', 3, 8, '2025-02-02')",
                // The detached table is no longer a source: its writes reach no TVIEW and break nothing.
                "INSERT INTO tb_order_eu VALUES (54, 'eu', 1, 9, '2024-01-01')",
                "DELETE FROM tb_order_africa WHERE pk_order = 51");
        assertThat(db.scalarLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'tb_order_eu'::regclass")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"statement", "row"})
    void withoutTheDdlGuardTheHealthCheckReportsNewAndAttachedPartitions(String mode, TestDb db) throws SQLException {
        orders(db, mode);
        // As installed without a superuser: no event triggers.
        db.exec("DROP EVENT TRIGGER tviews_ddl_guard_alter", "DROP EVENT TRIGGER tviews_ddl_guard_drop",
                "CREATE TABLE tb_order_apac PARTITION OF tb_order FOR VALUES IN ('apac')");
        List<String> missing = (mode.equals("row") ? List.of("tviews_row_statement", "tviews_truncate")
                : List.of("tviews_insert", "tviews_update", "tviews_delete", "tviews_truncate")).stream()
                .map(t -> "trigger " + t + " on tb_order_apac, a partition of tb_order, is missing: writes naming it no "
                        + "longer reach the TVIEWs that read tb_order; run SELECT tviews.rebuild_source('tb_order'), "
                        + "then pg_tviews_refresh each of them").map(m -> m.replace("tb_order", "public.tb_order")).toList();
        List<HealthCheckTest.Row> findings = HealthCheckTest.findings(db);
        assertThat(findings).filteredOn(r -> r.component().equals("triggers")).extracting(HealthCheckTest.Row::message)
                .containsExactlyElementsOf(missing);
        assertThat(findings).filteredOn(r -> r.component().equals("schema")).extracting(HealthCheckTest.Row::message)
                .containsExactly(schemaFinding("tv_order", "apac"), schemaFinding("tv_user_orders", "apac"));
        db.exec("SELECT tviews.adopt_partition('tb_order_apac')");
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
        writeEach(db, "INSERT INTO tb_order_apac VALUES (60, 'apac', 1, 1, '2024-01-01')");

        db.exec("CREATE TABLE tb_order_africa (LIKE tb_order)",
                "ALTER TABLE tb_order ATTACH PARTITION tb_order_africa FOR VALUES IN ('africa')");
        assertThat(HealthCheckTest.findings(db)).filteredOn(r -> r.component().equals("schema"))
                .extracting(HealthCheckTest.Row::message)
                .containsExactly(schemaFinding("tv_order", "africa"), schemaFinding("tv_user_orders", "africa"));
    }

    private static String schemaFinding(String tv, String region) {
        return "TVIEW public." + tv + " was compiled against another shape of its source: partition public.tb_order_"
                + region + " of public.tb_order was added: attached, its rows entered without a write the triggers saw (created "
                + "empty by CREATE TABLE … PARTITION OF, SELECT tviews.adopt_partition('public.tb_order_" + region + "') adopts it); its "
                + "triggers may fail or leave it stale: call Tviews.recompile('public." + tv + "'), or drop and recreate it";
    }
}
