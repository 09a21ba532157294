package dev.tviews.engine;

import dev.tviews.engine.support.Schema;
import dev.tviews.engine.support.TestDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table of docs/engine.md, "Which shapes are maintained": one case per row. A maintained
 * shape is created, written to, and compared with its definition by a symmetric EXCEPT ALL of
 * the test's own (not the engine's verify), in both trigger modes (statement-level writes, then the
 * same TVIEW switched to row-level triggers and written again). A refused shape must fail with
 * its SQLSTATE and a message naming the clause, leave nothing behind, and the advice its message
 * gives is then followed and must be maintained. Every case runs in a transaction that is rolled
 * back, over one database for the class.
 */
@Schema("social")
class DefinitionCoverageTest {

    /** Writes touching every table of the social schema: moves, inserts, deletes, renames. */
    private static final List<String> WRITES = List.of(
            "UPDATE tb_post SET created_at = created_at + interval '1 day', title = title || '!' WHERE pk_post = 3",
            "INSERT INTO tb_post (pk_post, title, fk_user, created_at) VALUES (50, 'new', 2, '2025-06-01')",
            "UPDATE tb_user SET name = 'Zed', fk_org = 2, email = 'zed@x.org' WHERE pk_user = 1",
            "INSERT INTO tb_user (pk_user, name, email, fk_org, fk_manager) VALUES (60, 'Ida', 'ida@x.org', 1, 2)",
            "DELETE FROM tb_comment WHERE pk_comment IN (5, 6)",
            "INSERT INTO tb_comment (body, fk_post, fk_user) VALUES ('c', 4, 3)",
            "UPDATE tb_comment SET fk_post = 7 WHERE pk_comment = 9",
            "UPDATE tb_post SET fk_user = 4 WHERE pk_post = 6",
            "UPDATE tb_org SET name = 'Org!' WHERE pk_org = 2",
            "DELETE FROM tb_post WHERE pk_post = 8",
            // Last, so that no later write heals it: a row moves to another day and month (its old group must go).
            "UPDATE tb_post SET created_at = created_at - interval '40 days' WHERE pk_post = 4");

    /** More writes, after the TVIEW has been switched to row-level triggers. */
    private static final List<String> ROW_WRITES = List.of(
            "INSERT INTO tb_user (pk_user, name, email, fk_org, fk_manager) VALUES (62, 'Kim', 'kim@x.org', 3, 1)",
            "UPDATE tb_post SET fk_user = 5, title = title || '?' WHERE pk_post = 2",
            "INSERT INTO tb_post (pk_post, title, fk_user, created_at) VALUES (51, 'row', 60, '2025-07-01')",
            "UPDATE tb_comment SET fk_post = 2 WHERE pk_comment = 10",
            "UPDATE tb_org SET name = 'Org?' WHERE pk_org = 1",
            "UPDATE tb_user SET fk_org = NULL, name = 'Nul' WHERE pk_user = 3",
            "DELETE FROM tb_user WHERE pk_user = 6",
            "UPDATE tb_post SET created_at = created_at + interval '35 days' WHERE pk_post = 5");

    /** A write of each kind for followed advice: a new row, a row moving to another key, a deletion. */
    private static final List<String> FEW_WRITES = List.of(
            "INSERT INTO tb_user (pk_user, name, email, fk_org, fk_manager) VALUES (61, 'Jo', 'jo@x.org', 2, 1)",
            "UPDATE tb_post SET fk_user = 4, created_at = created_at + interval '1 day' WHERE pk_post = 6",
            "DELETE FROM tb_comment WHERE pk_comment IN (5, 6)");

    private static TestDb db;
    /** Definitions already shown maintained (in statement mode): the same advice is not followed twice. */
    private static final java.util.Set<Def> SHOWN = new java.util.HashSet<>();

    @BeforeAll
    static void database(TestDb shared) throws SQLException {
        db = shared;
        db.exec("""
                CREATE FUNCTION shout(text) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT upper($1) $$;
                CREATE FUNCTION org_name(int) RETURNS text STABLE LANGUAGE sql AS $$ SELECT name FROM public.tb_org WHERE pk_org = $1 $$;
                CREATE FUNCTION org_name_volatile(int) RETURNS text LANGUAGE sql AS $$ SELECT name FROM public.tb_org WHERE pk_org = $1 $$;
                CREATE SEQUENCE some_seq;
                CREATE VIEW v_user AS SELECT pk_user, name, fk_org FROM tb_user;
                CREATE VIEW v_post_user AS SELECT p.pk_post, p.title, p.created_at, u.name, u.fk_org
                    FROM tb_post p JOIN v_user u ON u.pk_user = p.fk_user;
                CREATE VIEW v_user_sb WITH (security_barrier) AS SELECT pk_user, name FROM tb_user;
                CREATE VIEW v_user_union AS SELECT pk_user, name FROM tb_user UNION SELECT pk_user, name FROM tb_user;
                CREATE VIEW v_user_now AS SELECT pk_user, name, now() AS seen FROM tb_user;
                CREATE MATERIALIZED VIEW mv_org AS SELECT pk_org, name FROM tb_org;
                CREATE TABLE tb_event (pk_event int NOT NULL, happened date NOT NULL, fk_user int) PARTITION BY RANGE (happened);
                CREATE TABLE tb_event_2025 PARTITION OF tb_event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE tb_base (pk_base int PRIMARY KEY, name text);
                CREATE TABLE tb_derived (extra text) INHERITS (tb_base);
                CREATE FOREIGN DATA WRAPPER no_wrapper;
                CREATE SERVER nowhere FOREIGN DATA WRAPPER no_wrapper;
                CREATE FOREIGN TABLE ft_user (pk_user int, name text) SERVER nowhere;
                """);
    }

    /** A definition to create, with its options; {@code before}: TVIEWs (name, select) created first. */
    record Def(String name, String select, TviewOptions options, List<TviewDefinition> before, List<String> setup) {

        static Def of(String name, String select) {
            return new Def(name, select, TviewOptions.defaults(), List.of(), List.of());
        }

        Def with(TviewOptions o) {
            return new Def(name, select, o, before, setup);
        }

        Def after(String otherName, String otherSelect) {
            return after(TviewDefinition.of(otherName, otherSelect));
        }

        Def after(TviewDefinition other) {
            List<TviewDefinition> b = new ArrayList<>(before);
            b.add(other);
            return new Def(name, select, options, b, setup);
        }

        Def setUp(String sql) {
            List<String> s = new ArrayList<>(setup);
            s.add(sql);
            return new Def(name, select, options, before, s);
        }

        Def full() {
            return with(options.withFullRefreshOnUntraceable());
        }
    }

    /**
     * One row of the table: the shape, its definition, and either null (maintained) or the
     * refusal's SQLSTATE and message fragments, with the advice followed ({@code advice}, maintained).
     */
    record Case(String shape, Def def, String sqlState, List<String> fragments, Def advice) {

        static Case maintained(String shape, Def def) {
            return new Case(shape, def, null, List.of(), null);
        }

        static Case refused(String shape, Def def, String sqlState, List<String> fragments, Def advice) {
            return new Case(shape, def, sqlState, fragments, advice);
        }

        @Override
        public String toString() {
            return (sqlState == null ? "maintained: " : "refused: ") + shape;
        }
    }

    private static final String RANK = "SELECT p.pk_post, p.title, rank() OVER (PARTITION BY p.fk_user "
            + "ORDER BY p.created_at DESC, p.pk_post) AS rnk FROM tb_post p";
    private static final String USERS = "SELECT u.pk_user, u.name FROM tb_user u";

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- window functions
        c.add(Case.maintained("window function at the top level, partitioned by a source column", Def.of("tv_post", RANK)));
        c.add(Case.maintained("window functions partitioned by a joined table's column: running sum, share of total",
                Def.of("tv_post", "SELECT p.pk_post, u.fk_manager, sum(length(p.title)) OVER (PARTITION BY u.fk_org "
                        + "ORDER BY p.created_at, p.pk_post) AS running, round(length(p.title)::numeric / "
                        + "sum(length(p.title)) OVER (PARTITION BY u.fk_org), 6) AS share, count(*) OVER (PARTITION BY "
                        + "p.fk_user) AS user_posts FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user")));
        c.add(Case.refused("count(*) OVER () at the top level", Def.of("tv_user",
                        "SELECT u.pk_user, count(*) OVER () AS total FROM tb_user u"), "0A000",
                List.of("window functions", "PARTITION BY"), Def.of("tv_user", "SELECT u.pk_user, count(*) OVER () AS total FROM tb_user u").full()));
        c.add(Case.maintained("window function in a derived table: top N per partition", Def.of("tv_post",
                "SELECT x.pk_post, x.rnk FROM (" + RANK + ") x WHERE x.rnk <= 2")));
        c.add(Case.refused("window function without PARTITION BY in a derived table", Def.of("tv_post",
                        "SELECT x.pk_post, x.rnk FROM (SELECT p.pk_post, rank() OVER (ORDER BY p.created_at, p.pk_post) "
                                + "AS rnk FROM tb_post p) x"),
                "0A000", List.of("tb_post AS p", "window function", "fullRefreshOnUntraceable"),
                Def.of("tv_post", "SELECT x.pk_post, x.rnk FROM (SELECT p.pk_post, rank() OVER (ORDER BY p.created_at, "
                        + "p.pk_post) AS rnk FROM tb_post p) x").full()));
        // Joined on its key column, but the count spans every org: an org added changes every user's row.
        String totalPerJoin = "SELECT u.pk_user, x.total FROM tb_user u JOIN (SELECT o.pk_org, count(*) OVER () AS total "
                + "FROM tb_org o) x ON x.pk_org = u.fk_org";
        c.add(Case.refused("count(*) OVER () in a derived table joined on a column", Def.of("tv_user", totalPerJoin),
                "0A000", List.of("tb_org AS o", "window function", "fullRefreshOnUntraceable"),
                Def.of("tv_user", totalPerJoin).full()));
        c.add(Case.maintained("window function in a correlated scalar subquery", Def.of("tv_user",
                "SELECT u.pk_user, (SELECT count(*) OVER () FROM tb_post p WHERE p.fk_user = u.pk_user LIMIT 1) AS posts "
                        + "FROM tb_user u")));
        // ---- aggregates
        c.add(Case.maintained("aggregates with GROUP BY", Def.of("tv_user",
                "SELECT u.pk_user, count(p.pk_post) AS posts, max(p.created_at) AS last_post, "
                        + "jsonb_agg(p.title ORDER BY p.pk_post) AS titles FROM tb_user u "
                        + "LEFT JOIN tb_post p ON p.fk_user = u.pk_user GROUP BY u.pk_user")));
        c.add(Case.refused("aggregate without GROUP BY at the top level", Def.of("tv_user",
                        "SELECT max(u.pk_user) AS pk_user, count(*) AS n FROM tb_user u"), "0A000",
                List.of("key column pk_user is computed"), Def.of("tv_user",
                        "SELECT u.pk_user, count(p.pk_post) AS n FROM tb_user u LEFT JOIN tb_post p ON p.fk_user = u.pk_user "
                                + "GROUP BY u.pk_user")));
        c.add(Case.maintained("aggregate without GROUP BY in a LATERAL subquery", Def.of("tv_post",
                "SELECT p.pk_post, l.n FROM tb_post p CROSS JOIN LATERAL "
                        + "(SELECT count(*) AS n FROM tb_comment c WHERE c.fk_post = p.pk_post) l")));
        c.add(Case.maintained("aggregate in a subquery in FROM, grouped by its join column", Def.of("tv_user",
                "SELECT u.pk_user, coalesce(c.n, 0) AS comments FROM tb_user u LEFT JOIN "
                        + "(SELECT cm.fk_user, count(*) AS n FROM tb_comment cm GROUP BY cm.fk_user) c ON c.fk_user = u.pk_user")));
        c.add(Case.refused("aggregate without GROUP BY in a subquery in FROM", Def.of("tv_user",
                        "SELECT u.pk_user, t.total FROM tb_user u CROSS JOIN (SELECT count(*) AS total FROM tb_post) t"),
                "0A000", List.of("tb_post", "without a column equality", "fullRefreshOnUntraceable"),
                Def.of("tv_user", "SELECT u.pk_user, t.total FROM tb_user u CROSS JOIN (SELECT count(*) AS total FROM tb_post) t").full()));
        // ---- keys that are not a pk_ column
        c.add(Case.maintained("a composite key, its second column a GROUP BY expression", Def.of("tv_user_day",
                "SELECT p.fk_user, date_trunc('day', p.created_at) AS day, count(*) AS posts, "
                        + "string_agg(p.title, ',' ORDER BY p.pk_post) AS titles FROM tb_post p GROUP BY 1, 2")
                .with(TviewOptions.defaults().withKeyColumns(List.of("fk_user", "day")))));
        c.add(Case.maintained("a GROUP BY expression as the first key column, across a join", Def.of("tv_org_day",
                "SELECT date_trunc('day', p.created_at) AS day, u.fk_org, count(*) AS posts, "
                        + "count(DISTINCT p.fk_user) AS authors, max(u.name) AS last_name FROM tb_post p "
                        + "JOIN tb_user u ON u.pk_user = p.fk_user WHERE u.fk_org IS NOT NULL GROUP BY 1, u.fk_org")
                .with(TviewOptions.defaults().withKeyColumns(List.of("day", "fk_org")))));
        c.add(Case.maintained("a GROUP BY expression as the key", Def.of("tv_month",
                "SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*) AS posts FROM tb_post p "
                        + "GROUP BY 1").with(TviewOptions.defaults().withKeyColumn("month"))));
        String byCommenter = "SELECT c.fk_post, c.fk_user, count(*) AS n FROM tb_comment c";
        c.add(Case.refused("a composite key with a nullable column", Def.of("tv_post_commenter", byCommenter + " GROUP BY 1, 2")
                        .with(TviewOptions.defaults().withKeyColumns(List.of("fk_post", "fk_user"))), "0A000",
                List.of("key column fk_user", "can be NULL", "IS NOT NULL"),
                Def.of("tv_post_commenter", byCommenter + " WHERE c.fk_user IS NOT NULL GROUP BY 1, 2")
                        .with(TviewOptions.defaults().withKeyColumns(List.of("fk_post", "fk_user")))));
        // ---- DISTINCT
        c.add(Case.maintained("DISTINCT", Def.of("tv_user",
                "SELECT DISTINCT u.pk_user, u.name FROM tb_user u JOIN tb_post p ON p.fk_user = u.pk_user")));
        c.add(Case.maintained("DISTINCT ON the key", Def.of("tv_user",
                "SELECT DISTINCT ON (u.pk_user) u.pk_user, p.title FROM tb_user u JOIN tb_post p ON p.fk_user = u.pk_user "
                        + "ORDER BY u.pk_user, p.created_at DESC, p.pk_post DESC")));
        c.add(Case.refused("DISTINCT ON other columns", Def.of("tv_post",
                        "SELECT DISTINCT ON (p.fk_user) p.pk_post, p.title FROM tb_post p ORDER BY p.fk_user, p.created_at DESC, p.pk_post"),
                "0A000", List.of("DISTINCT ON", "LIMIT 1"), Def.of("tv_post",
                        "SELECT p.pk_post, p.title FROM tb_post p WHERE p.pk_post = (SELECT p2.pk_post FROM tb_post p2 "
                                + "WHERE p2.fk_user = p.fk_user ORDER BY p2.created_at DESC, p2.pk_post LIMIT 1)")));
        // ---- LIMIT, OFFSET, ORDER BY
        c.add(Case.refused("LIMIT at the top level", Def.of("tv_user", USERS + " ORDER BY u.name LIMIT 3"), "0A000",
                List.of("LIMIT", "when reading"), Def.of("tv_user", USERS)));
        c.add(Case.refused("OFFSET at the top level", Def.of("tv_user", USERS + " ORDER BY u.name OFFSET 2"), "0A000",
                List.of("OFFSET"), Def.of("tv_user", USERS + " ORDER BY u.name OFFSET 2").full()));
        c.add(Case.maintained("ORDER BY at the top level", Def.of("tv_user", USERS + " ORDER BY u.name DESC")));
        c.add(Case.maintained("LIMIT in a correlated scalar subquery", Def.of("tv_user",
                "SELECT u.pk_user, (SELECT p.title FROM tb_post p WHERE p.fk_user = u.pk_user "
                        + "ORDER BY p.created_at DESC, p.pk_post LIMIT 1) AS latest FROM tb_user u")));
        c.add(Case.refused("LIMIT in an IN subquery", Def.of("tv_user",
                        USERS + " WHERE u.pk_user IN (SELECT p.fk_user FROM tb_post p ORDER BY p.created_at DESC LIMIT 3)"),
                "0A000", List.of("tb_post AS p", "LIMIT", "scalar subquery"), Def.of("tv_user",
                        USERS + " WHERE u.pk_user IN (SELECT p.fk_user FROM tb_post p ORDER BY p.created_at DESC LIMIT 3)").full()));
        c.add(Case.refused("LIMIT in a LATERAL subquery", Def.of("tv_post",
                        "SELECT p.pk_post, l.body FROM tb_post p LEFT JOIN LATERAL (SELECT c.body FROM tb_comment c "
                                + "WHERE c.fk_post = p.pk_post ORDER BY c.pk_comment DESC LIMIT 1) l ON true"),
                "0A000", List.of("tb_comment AS c", "scalar subquery"), Def.of("tv_post",
                        "SELECT p.pk_post, (SELECT c.body FROM tb_comment c WHERE c.fk_post = p.pk_post "
                                + "ORDER BY c.pk_comment DESC LIMIT 1) AS body FROM tb_post p")));
        // ---- set operations
        c.add(Case.maintained("UNION ALL of branches that each produce the key", Def.of("tv_user",
                USERS + " WHERE u.fk_org = 1 UNION ALL " + USERS + " WHERE u.fk_org = 2")));
        c.add(Case.maintained("UNION ALL of branches over different tables, one with a join", Def.of("tv_activity",
                "SELECT p.id AS ref, 'post' AS kind, p.title AS body FROM tb_post p UNION ALL "
                        + "SELECT c.id, 'comment', c.body || ' by ' || coalesce(u.name, '?') FROM tb_comment c "
                        + "LEFT JOIN tb_user u ON u.pk_user = c.fk_user").with(TviewOptions.defaults().withKeyColumn("ref"))));
        for (String op : List.of("UNION", "INTERSECT", "EXCEPT")) {
            String select = USERS + " WHERE u.fk_org = 1 " + op + " " + USERS + " WHERE u.fk_org = 2";
            c.add(Case.refused(op, Def.of("tv_user", select), "0A000", List.of(op.split(" ")[0], "one TVIEW per branch"),
                    Def.of("tv_user", select).full()));
        }
        // ---- WITH
        c.add(Case.maintained("WITH (a CTE with an aggregate)", Def.of("tv_user",
                "WITH posts AS (SELECT fk_user, count(*) AS n FROM tb_post GROUP BY fk_user) "
                        + "SELECT u.pk_user, coalesce(ps.n, 0) AS n FROM tb_user u LEFT JOIN posts ps ON ps.fk_user = u.pk_user")));
        c.add(Case.maintained("WITH a CTE named like the table it reads", Def.of("tv_user",
                "WITH tb_user AS (SELECT * FROM tb_user WHERE fk_org IS NOT NULL) SELECT pk_user, name FROM tb_user")));
        String recursive = "WITH RECURSIVE chain AS (SELECT pk_user AS root, fk_manager, 1 AS depth FROM tb_user "
                + "UNION ALL SELECT ch.root, m.fk_manager, ch.depth + 1 FROM chain ch JOIN tb_user m ON m.pk_user = ch.fk_manager) "
                + "SELECT u.pk_user, max(ch.depth) AS depth FROM tb_user u JOIN chain ch ON ch.root = u.pk_user GROUP BY u.pk_user";
        c.add(Case.refused("WITH RECURSIVE", Def.of("tv_user", recursive), "0A000", List.of("RECURSIVE", "fullRefreshOnUntraceable"),
                Def.of("tv_user", recursive).full()));
        // ---- joins
        c.add(Case.maintained("LEFT JOIN keeping the key's table", Def.of("tv_user",
                "SELECT u.pk_user, o.name AS org FROM tb_user u LEFT JOIN tb_org o ON o.pk_org = u.fk_org")));
        c.add(Case.maintained("RIGHT JOIN keeping the key's table", Def.of("tv_user",
                "SELECT u.pk_user, o.name AS org FROM tb_org o RIGHT JOIN tb_user u ON o.pk_org = u.fk_org")));
        c.add(Case.refused("RIGHT JOIN null-extending the key's table", Def.of("tv_user",
                        "SELECT u.pk_user, o.name AS org FROM tb_user u RIGHT JOIN tb_org o ON o.pk_org = u.fk_org"),
                "0A000", List.of("outer join", "IS NOT NULL"), Def.of("tv_user",
                        "SELECT u.pk_user, o.name AS org FROM tb_user u RIGHT JOIN tb_org o ON o.pk_org = u.fk_org "
                                + "WHERE u.pk_user IS NOT NULL")));
        c.add(Case.refused("FULL JOIN", Def.of("tv_user",
                        "SELECT u.pk_user, o.name AS org FROM tb_user u FULL JOIN tb_org o ON o.pk_org = u.fk_org"),
                "0A000", List.of("outer join", "IS NOT NULL"), Def.of("tv_user",
                        "SELECT u.pk_user, o.name AS org FROM tb_user u FULL JOIN tb_org o ON o.pk_org = u.fk_org "
                                + "WHERE u.pk_user IS NOT NULL")));
        // ---- set-returning functions
        String parts = "SELECT u.pk_user, unnest(string_to_array(u.email, '@')) AS part FROM tb_user u";
        c.add(Case.refused("set-returning function in the select list", Def.of("tv_user", parts), "0A000",
                List.of("set-returning function"), Def.of("tv_user", "SELECT u.pk_user, (SELECT array_agg(part) "
                        + "FROM unnest(string_to_array(u.email, '@')) AS part) AS parts FROM tb_user u")));
        // ---- volatile and time-dependent functions
        String stored = "SELECT p.pk_post, p.created_at FROM tb_post p";
        for (String[] f : new String[][] {{"now()", "now()"}, {"random()", "random()"}, {"clock_timestamp()", "clock_timestamp()"},
                {"current_user", "current_user"}, {"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"}, {"CURRENT_DATE", "CURRENT_DATE"},
                {"nextval('some_seq')", "nextval"}, {"p.created_at > now() - interval '1 day'", "now()"},
                {"current_setting('TimeZone')", "current_setting()"}, {"age(p.created_at)", "age()"},
                {"gen_random_uuid()", "gen_random_uuid"}}) {
            c.add(Case.refused(f[0], Def.of("tv_post", "SELECT p.pk_post, " + f[0] + " AS x FROM tb_post p"), "0A000",
                    List.of(f[1].contains("CURRENT") ? f[1].replace("CURRENT_", "") : f[1], "stale"), Def.of("tv_post", stored)));
        }
        // ---- user-defined functions
        c.add(Case.maintained("STABLE built-in functions", Def.of("tv_post", "SELECT p.pk_post, "
                + "to_char(p.created_at, 'YYYY-MM') AS month, date_trunc('month', p.created_at) AS since, "
                + "jsonb_build_object('title', p.title, 'at', p.created_at) AS data FROM tb_post p")));
        c.add(Case.maintained("IMMUTABLE user function", Def.of("tv_user", "SELECT u.pk_user, shout(u.name) AS loud FROM tb_user u")));
        Def orgName = Def.of("tv_user", "SELECT u.pk_user, org_name(u.fk_org) AS org FROM tb_user u");
        c.add(Case.refused("STABLE user function reading a table", orgName, "0A000", List.of("org_name(integer)", "STABLE",
                "extraSources"), orgName.with(TviewOptions.defaults().withExtraSources(List.of("tb_org")))));
        c.add(Case.refused("VOLATILE user function", Def.of("tv_user",
                        "SELECT u.pk_user, org_name_volatile(u.fk_org) AS org FROM tb_user u"), "0A000",
                List.of("org_name_volatile(integer)", "VOLATILE", "STABLE", "extraSources"),
                Def.of("tv_user", "SELECT u.pk_user, org_name_volatile(u.fk_org) AS org FROM tb_user u")
                        .with(TviewOptions.defaults().withExtraSources(List.of("tb_org")))
                        .setUp("ALTER FUNCTION org_name_volatile(integer) STABLE")));
        // ---- sources
        c.add(Case.maintained("a plain view", Def.of("tv_user", "SELECT v.pk_user, v.name, o.name AS org "
                + "FROM v_user v LEFT JOIN tb_org o ON o.pk_org = v.fk_org")));
        c.add(Case.maintained("a plain view over a view, with a join, unaliased", Def.of("tv_post",
                "SELECT pk_post, title, name, (SELECT count(*) FROM tb_comment c WHERE c.fk_post = v_post_user.pk_post) "
                        + "AS comments FROM v_post_user")));
        c.add(Case.maintained("a plain view grouped by its column", Def.of("tv_org",
                "SELECT o.pk_org, o.name, count(v.pk_post) AS posts FROM tb_org o LEFT JOIN public.v_post_user v "
                        + "ON v.fk_org = o.pk_org GROUP BY o.pk_org, o.name")));
        c.add(Case.refused("a security_barrier view", Def.of("tv_user", "SELECT v.pk_user, v.name FROM v_user_sb v"),
                "0A000", List.of("the view public.v_user_sb", "security_barrier", "make a TVIEW"),
                Def.of("tv_user", "SELECT v.pk_user, v.name FROM tv_user_sb v")
                        .after("tv_user_sb", "SELECT pk_user, name FROM tb_user")));
        Def unionView = Def.of("tv_user", "SELECT v.pk_user, v.name FROM v_user_union v");
        c.add(Case.refused("a view whose body is a refused shape", unionView, "0A000",
                List.of("UNION", "the view(s) [public.v_user_union]", "make a TVIEW of the view's SELECT"), unionView.full()));
        c.add(Case.refused("a view calling a time-dependent function", Def.of("tv_user",
                        "SELECT v.pk_user, v.seen FROM v_user_now v"), "0A000",
                List.of("now()", "the view public.v_user_now"), null));
        c.add(Case.refused("a materialized view", Def.of("tv_org", "SELECT m.pk_org, m.name FROM mv_org m"), "0A000",
                List.of("materialized view public.mv_org", "make it a TVIEW"), Def.of("tv_org", "SELECT m.pk_org, m.name FROM tv_mv_org m")
                        .after("tv_mv_org", "SELECT pk_org, name FROM tb_org")));
        // PartitionedSourceTest writes through the parent and into each partition; here the users change.
        Def events = Def.of("tv_event", "SELECT e.pk_event, e.happened, u.name FROM tb_event e "
                + "JOIN tb_user u ON u.pk_user = e.fk_user").setUp("INSERT INTO tb_event VALUES (1, '2025-03-01', 1), "
                + "(2, '2025-04-01', 2)");
        c.add(Case.maintained("a partitioned table", events));
        c.add(Case.refused("a partition", Def.of("tv_event", "SELECT e.pk_event, e.happened FROM tb_event_2025 e"), "0A000",
                List.of("public.tb_event_2025, a partition of public.tb_event", "read the partitioned table public.tb_event"),
                Def.of("tv_event", "SELECT e.pk_event, e.happened FROM tb_event e WHERE e.happened >= '2025-01-01' "
                        + "AND e.happened < '2026-01-01'")));
        c.add(Case.refused("a table with inheritance children", Def.of("tv_base", "SELECT b.pk_base, b.name FROM tb_base b"),
                "0A000", List.of("inheritance children", "make it a partitioned table"), null));
        c.add(Case.refused("a foreign table", Def.of("tv_user", "SELECT f.pk_user, f.name FROM ft_user f"), "0A000",
                List.of("foreign table public.ft_user"), null));
        c.add(Case.maintained("another TVIEW", Def.of("tv_post_user",
                "SELECT p.pk_post, t.name FROM tb_post p JOIN tv_user t ON t.pk_user = p.fk_user")
                .after("tv_user", USERS)));
        c.add(Case.maintained("another TVIEW whose table is partitioned", Def.of("tv_post_user",
                "SELECT p.pk_post, t.name FROM tb_post p JOIN tv_user t ON t.pk_user = p.fk_user")
                .after(new TviewDefinition("tv_user", USERS, TviewOptions.defaults()
                        .withPartitioning(new Partitioning(Partitioning.Method.HASH, "pk_user", 2))))));
        // ---- errors before any analysis
        c.add(Case.refused("a syntax error", Def.of("tv_user", "SELECT u.pk_user,\n       u.name AS FROM tb_user u"), "42601",
                List.of("syntax error at or near \"tb_user\"", "line 2, column 23"), Def.of("tv_user", USERS)));
        c.add(Case.refused("an unknown column", Def.of("tv_user", "SELECT u.pk_user,\n  u.nope FROM tb_user u"), "42703",
                List.of("column u.nope does not exist", "line 2, column 3"), Def.of("tv_user", USERS)));
        c.add(Case.refused("not a SELECT", Def.of("tv_user", "DELETE FROM tb_user"), "42601",
                List.of("exactly one SELECT", "DELETE"), Def.of("tv_user", USERS)));
        String collate = "SELECT u.pk_user,\n u.name COLLATE \"C\" AS n FROM tb_user u";
        c.add(Case.refused("SQL that PostgreSQL accepts and JSqlParser cannot read", Def.of("tv_user", collate), "0A000",
                List.of("JSqlParser", "line 2, column 17", "fullRefreshOnUntraceable"), Def.of("tv_user", collate).full()));
        c.add(Case.refused("two statements", Def.of("tv_user", USERS + ";\nSELECT 1"), "42601",
                List.of("2 statement(s)", "line 2"), Def.of("tv_user", USERS)));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shape(Case c) throws SQLException {
        if (c.sqlState() == null) {
            // Both trigger modes on one TVIEW: writes under statement-level triggers, then under row-level ones.
            assertMaintained(c.def(), WRITES, ROW_WRITES);
            SHOWN.add(c.def());
            return;
        }
        String before = catalogState();
        assertThatThrownBy(() -> db.tviews().create(new TviewDefinition(c.def().name(), c.def().select(), c.def().options())))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("%s", e.getMessage()).isEqualTo(c.sqlState()))
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains(
                        c.fragments().stream().map(f -> f.toLowerCase(java.util.Locale.ROOT)).toList()));
        assertThat(catalogState()).as("nothing left behind").isEqualTo(before);
        if (c.advice() != null && SHOWN.add(c.advice())) {
            assertMaintained(c.advice(), FEW_WRITES, List.of());
        }
    }

    /** Creates the TVIEW in statement mode, applies {@code statementWrites}, then {@code rowWrites} in row mode. */
    private static void assertMaintained(Def def, List<String> statementWrites, List<String> rowWrites)
            throws SQLException {
        db.begin();
        try {
            db.tviews().setTriggerMode(TriggerMode.STATEMENT);
            for (String sql : def.setup()) {
                db.exec(sql);
            }
            for (TviewDefinition other : def.before()) {
                db.tviews().create(other);
            }
            db.tviews().create(new TviewDefinition(def.name(), def.select(), def.options()));
            db.assertSameRows(def.name(), def.select());
            db.exec(statementWrites.toArray(String[]::new));
            db.assertSameRows(def.name(), def.select());
            if (!rowWrites.isEmpty()) {
                db.tviews().setTriggerMode(TriggerMode.ROW);
                db.exec(rowWrites.toArray(String[]::new));
                db.assertSameRows(def.name(), def.select());
            }
        } finally {
            db.rollback();
        }
    }

    /** Counts of everything a failed create could leave: relations, functions, triggers, types, catalog rows. */
    private static String catalogState() throws SQLException {
        return db.scalar("SELECT concat_ws(' ', (SELECT count(*) FROM pg_class), (SELECT count(*) FROM pg_proc), "
                + "(SELECT count(*) FROM pg_trigger), (SELECT count(*) FROM pg_type), (SELECT count(*) FROM pg_depend), "
                + "(SELECT count(*) FROM tviews.tview), (SELECT count(*) FROM tviews.source), "
                + "(SELECT count(*) FROM tviews.compiled_source))");
    }
}
