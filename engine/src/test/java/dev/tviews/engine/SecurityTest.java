package dev.tviews.engine;

import dev.tviews.engine.support.Definitions;
import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security model (docs/operations.md, "Security"), with real roles: an application role
 * writes tb_* and reads tv_* without any privilege on the engine; the engine's functions pin
 * their search_path against hostile objects; odd identifiers work everywhere.
 */
@Schema("social")
class SecurityTest {

    static final Map<String, String> SOCIAL = Definitions.load("social");

    /** A role of this test's own (roles are cluster-wide; databases are not). */
    private static String createAppRole(TestDb db) throws SQLException {
        String role = "app_" + db.scalar("SELECT current_database()");
        db.exec("CREATE ROLE " + role + " NOLOGIN",
                "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON tb_org, tb_user, tb_post, tb_comment TO " + role,
                "GRANT SELECT ON tv_user, tv_post, tv_comment TO " + role);
        return role;
    }

    private static void dropRole(TestDb db, String role) throws SQLException {
        db.exec("RESET ROLE", "RESET search_path", "DROP OWNED BY " + role, "DROP ROLE " + role);
    }

    private static void createSocial(TestDb db) throws SQLException {
        for (String name : List.of("tv_user", "tv_post", "tv_comment")) {
            db.create(name, SOCIAL.get(name));
        }
    }

    private static void assertRefused(TestDb db, String sql, String sqlState) {
        assertThatThrownBy(() -> db.exec(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
    }

    @Test
    void anApplicationRoleGetsFreshReadsWithoutAnyPrivilegeOnTheEngine(TestDb db) throws SQLException {
        createSocial(db);
        String app = createAppRole(db);
        try {
            assertThat(db.scalar("SELECT has_schema_privilege('" + app + "', 'tviews', 'USAGE')")).isEqualTo("f");
            assertThat(db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace "
                    + "AND has_function_privilege('" + app + "', oid, 'EXECUTE')")).isZero();
            for (TriggerMode mode : TriggerMode.values()) {
                db.tviews().setTriggerMode(mode);
                db.exec("SET ROLE " + app,
                        "UPDATE tb_user SET name = 'Bob " + mode + "' WHERE pk_user = 2",
                        "INSERT INTO tb_post (title, fk_user) VALUES ('by app " + mode + "', 1)",
                        "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('c', 2, 1)",
                        "DELETE FROM tb_comment WHERE pk_comment = " + (mode == TriggerMode.ROW ? 2 : 3));
                assertThat(db.scalar("SELECT data -> 'author' ->> 'name' FROM tv_post WHERE pk_post = 1"))
                        .isEqualTo("Bob " + mode);
                assertThat(db.scalarLong("SELECT count(*) FROM tv_post WHERE data ->> 'title' = 'by app " + mode + "'"))
                        .isEqualTo(1);
                db.exec("RESET ROLE");
                db.assertFresh("tv_user", "tv_post", "tv_comment");
            }

            db.exec("SET ROLE " + app);
            // Privileges refuse direct writes before the guard is reached, whatever the session sets.
            db.exec("SET tviews.writing = 'on'");
            assertRefused(db, "UPDATE tv_post SET data = '{}' WHERE pk_post = 1", "42501");
            assertRefused(db, "DELETE FROM tv_user", "42501");
            db.exec("RESET tviews.writing");
            assertRefused(db, "SELECT tviews.\"refresh_all_1\"()", "42501");
            assertRefused(db, "SELECT * FROM tviews.tview", "42501");
            assertRefused(db, "SELECT pg_tviews_refresh('tv_post')", "42501");
            assertRefused(db, "SELECT pg_tviews_drop('tv_post')", "42501");
            // The health check is the public monitoring entry point.
            assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
            db.exec("RESET ROLE");
            db.assertFresh("tv_user", "tv_post", "tv_comment");
        } finally {
            dropRole(db, app);
        }
    }

    @Test
    void anApplicationRoleBatchesMonitorsAndTripsTheGuidesCircuitBreaker(TestDb db) throws SQLException {
        createSocial(db);
        db.exec(dev.tviews.engine.operations.SeedOperationsSqlTest.seed("circuit_breaker.sql"));
        String app = createAppRole(db);
        try {
            db.begin();
            // The commit-time flush runs as its owner: the role may call no refresh function itself.
            db.exec("SET LOCAL ROLE " + app, "SET LOCAL tviews.batch = on",
                    "UPDATE tb_user SET name = 'Batched by app' WHERE pk_user = 2",
                    "INSERT INTO tb_post (title, fk_user) VALUES ('queued by app', 2)");
            assertThat(db.scalarLong("SELECT (pg_tviews_queue_stats()->>'queue_size')::int")).isPositive();
            assertThat(db.column("SELECT tview FROM pg_tviews_debug_queue() WHERE queued_keys > 0"))
                    .contains("tv_user", "tv_post");
            db.commit();
            db.assertFresh("tv_user", "tv_post", "tv_comment");
            assertThat(db.scalar("SELECT data ->> 'name' FROM tv_user WHERE pk_user = 2")).isEqualTo("Batched by app");
            db.exec("SET ROLE " + app);
            assertRefused(db, "SELECT pg_tviews_reset_stats()", "42501");
            assertRefused(db, "SELECT pg_tviews_suspend('tv_user')", "42501");
            db.exec("RESET ROLE");
        } finally {
            dropRole(db, app);
        }
    }

    @Test
    void everyEngineFunctionPinsItsSearchPathAndGeneratedOnesRunAsTheirOwner(TestDb db) throws SQLException {
        createSocial(db);
        // The exceptions, each documented: resolve and the wrappers around it must see the caller's
        // path (their bodies are schema-qualified); lock_values/lock_keys/add_stats are on the hot path and
        // run only inside pinned callers; transaction_stats names TVIEWs as the caller's path shows them;
        // the batching and suspend wrappers resolve a name (ids_of too), then call pinned functions.
        assertThat(db.column("""
                SELECT p.oid::regprocedure::text FROM pg_proc p
                WHERE (p.pronamespace = 'tviews'::regnamespace OR p.proname LIKE 'pg\\_tviews\\_%')
                  AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c = 'search_path=pg_catalog, pg_temp')
                  -- A TVIEW's batching default is a constant that must stay inlinable (no SET clause).
                  AND p.proname !~ '^batch_[0-9]+$'
                ORDER BY 1""")).containsExactlyInAnyOrder("pg_tviews_drop(text)", "pg_tviews_refresh(text)",
                "pg_tviews_set_batching(text,boolean)", "pg_tviews_suspend(text)", "pg_tviews_resume(text)",
                "tviews.ids_of(text)",
                "tviews.drop_tview(text)", "tviews.lock_keys(integer,anyarray)",
                "tviews.add_stats(integer,bigint,bigint,bigint,bigint,bigint,bigint,timestamp with time zone,boolean)",
                "tviews.lock_values(text,anyarray,boolean)", "tviews.resolve(text)", "tviews.transaction_stats()",
                "tviews.verify(text)");
        assertThat(db.column("""
                SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'tviews'::regnamespace
                  AND p.proname ~ '^(refresh_|refresh_all_|on_)[0-9]+$' AND NOT p.prosecdef""")).isEmpty();
        assertThat(db.scalarLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'tviews'::regnamespace "
                + "AND proname ~ '^(refresh_|refresh_all_|on_)[0-9]+$'")).isEqualTo(2 * 3 + 4);
    }

    @Test
    void hostileObjectsEarlierInTheSearchPathChangeNothing(TestDb db) throws SQLException {
        createSocial(db);
        String app = createAppRole(db);
        try {
            db.exec("CREATE SCHEMA evil", "GRANT USAGE ON SCHEMA evil TO " + app,
                    "CREATE FUNCTION evil.trap() RETURNS text LANGUAGE plpgsql AS "
                            + "$$ BEGIN RAISE EXCEPTION 'hijacked'; END $$",
                    // Same or more exact signatures than pg_catalog's, so they win when evil comes first.
                    "CREATE FUNCTION evil.jsonb_build_object(text, text) RETURNS jsonb LANGUAGE sql AS $$ SELECT evil.trap()::jsonb $$",
                    "CREATE FUNCTION evil.to_regclass(text) RETURNS regclass LANGUAGE sql AS $$ SELECT evil.trap()::regclass $$",
                    "CREATE FUNCTION evil.set_config(text, text, boolean) RETURNS text LANGUAGE sql AS $$ SELECT evil.trap() $$",
                    "CREATE FUNCTION evil.current_setting(text, boolean) RETURNS text LANGUAGE sql AS $$ SELECT evil.trap() $$",
                    "CREATE FUNCTION evil.cardinality(anyarray) RETURNS int LANGUAGE sql AS $$ SELECT evil.trap()::int $$",
                    "CREATE FUNCTION evil.format(text, regclass) RETURNS text LANGUAGE sql AS $$ SELECT evil.trap() $$",
                    "CREATE FUNCTION evil.jsonb_eq(jsonb, jsonb) RETURNS boolean LANGUAGE sql AS $$ SELECT evil.trap()::boolean $$",
                    "CREATE OPERATOR evil.= (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = evil.jsonb_eq)",
                    "CREATE FUNCTION evil.cat(text, integer) RETURNS text LANGUAGE sql AS $$ SELECT evil.trap() $$",
                    "CREATE OPERATOR evil.|| (LEFTARG = text, RIGHTARG = integer, FUNCTION = evil.cat)",
                    // Tables named like the engine's and the sources.
                    "CREATE TABLE evil.tview (id int, tv_table regclass)",
                    "CREATE TABLE evil.setting (name text, value text)",
                    "INSERT INTO evil.setting VALUES ('trigger_mode', 'row')",
                    "CREATE TABLE evil.tb_user (pk_user int, name text)",
                    "GRANT ALL ON ALL TABLES IN SCHEMA evil TO " + app);
            String path = "SET search_path = evil, pg_catalog, public";
            // The trap is armed: under this path the hostile objects win.
            db.exec(path);
            assertRefused(db, "SELECT to_regclass('tb_user')", "P0001");
            assertRefused(db, "SELECT '{}'::jsonb = '{}'::jsonb", "P0001");
            assertRefused(db, "SELECT 'a' || 1", "P0001");
            db.exec("RESET search_path");

            for (TriggerMode mode : TriggerMode.values()) {
                db.tviews().setTriggerMode(mode);
                db.exec("SET ROLE " + app, path,
                        "UPDATE public.tb_user SET name = 'Bob " + mode + "' WHERE pk_user = 2",
                        "INSERT INTO public.tb_comment (body, fk_post, fk_user) VALUES ('hostile', 5, 2)",
                        "DELETE FROM public.tb_post WHERE pk_post = " + (mode == TriggerMode.ROW ? 7 : 8),
                        "RESET ROLE");
                // The owner's entry points, under the same path.
                db.exec("SELECT pg_tviews_refresh('tv_user')");
                assertThat(db.scalarLong("SELECT count(*) FROM tviews.verify('tv_post')")).isZero();
                assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
                db.exec("RESET search_path");
                db.assertFresh("tv_user", "tv_post", "tv_comment");
            }
            db.exec(path, "SELECT pg_tviews_drop('tv_comment')", "RESET search_path");
            assertThat(db.scalar("SELECT to_regclass('public.tv_comment')")).isNull();
        } finally {
            dropRole(db, app);
            db.exec("DROP SCHEMA evil CASCADE");
        }
    }

    @Test
    void quotesSpacesCapitalsAndKeywordsWorkEverywhere(TestDb db) throws SQLException {
        db.exec("CREATE SCHEMA \"My Schema\"",
                "CREATE TABLE \"My Schema\".\"Order Groups\" (\"Id\" int PRIMARY KEY, \"select\" text NOT NULL)",
                "CREATE TABLE \"My Schema\".\"Order \"\"Items\"\"\" (\"Key\" int PRIMARY KEY, "
                        + "\"we\"\"ird col\" text, \"Group\" int REFERENCES \"My Schema\".\"Order Groups\", \"from\" int)",
                "CREATE INDEX ON \"My Schema\".\"Order \"\"Items\"\"\" (\"Group\")",
                "INSERT INTO \"My Schema\".\"Order Groups\" VALUES (1, 'one'), (2, 'two')",
                "INSERT INTO \"My Schema\".\"Order \"\"Items\"\"\" VALUES (1, 'a', 1, 10), (2, 'b''s', 1, 20), (3, NULL, 2, 30)");
        String name = "\"My Schema\".\"tv Odd \"\"Name\"\"\"";
        String select = """
                SELECT i."Key", i."Group" AS "fk Group", i."from" AS "order",
                       jsonb_build_object('weird', i."we""ird col", 'group', g."select",
                                          'siblings', (SELECT count(*) FROM "My Schema"."Order ""Items""\" s
                                                       WHERE s."Group" = i."Group")) AS "Data"
                FROM "My Schema"."Order ""Items""\" i JOIN "My Schema"."Order Groups" g ON g."Id" = i."Group"
                """;
        db.tviews().create(new TviewDefinition(name, select, TviewOptions.defaults().withKeyColumn("Key")));
        String items = "\"My Schema\".\"Order \"\"Items\"\"\"";
        for (TriggerMode mode : TriggerMode.values()) {
            db.tviews().setTriggerMode(mode);
            db.exec("UPDATE \"My Schema\".\"Order Groups\" SET \"select\" = 'renamed " + mode + "' WHERE \"Id\" = 1",
                    "INSERT INTO " + items + " VALUES (" + (mode == TriggerMode.ROW ? 10 : 11) + ", 'x\"y', 2, 5)",
                    "UPDATE " + items + " SET \"Group\" = 2, \"we\"\"ird col\" = 'moved' WHERE \"Key\" = 1",
                    "DELETE FROM " + items + " WHERE \"Key\" = " + (mode == TriggerMode.ROW ? 2 : 3));
            db.assertFresh(name);
        }
        db.exec("TRUNCATE " + items);
        db.assertFresh(name);
        assertThat(db.column("SELECT DISTINCT status FROM pg_tviews_health_check()")).containsExactly("ok");
        db.tviews().recompile(name);
        db.exec("INSERT INTO " + items + " VALUES (20, 'after recompile', 1, 1)");
        db.assertFresh(name);
        db.tviews().drop(name);
        assertThat(db.scalar("SELECT to_regclass('" + name.replace("'", "''") + "')")).isNull();
        // The runtime's own commit-time trigger (batching) stays.
        assertThat(db.scalarLong("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'tviews%' "
                + "AND tgrelid <> 'tviews.flush_request'::regclass")).isZero();
    }
}
