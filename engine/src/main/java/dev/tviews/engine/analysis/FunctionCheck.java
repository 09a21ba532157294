package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import dev.tviews.engine.generate.SqlTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses functions whose results change without a write to a source: a TVIEW is refreshed only
 * when its sources change, so such a result would go stale. PostgreSQL's own volatility class
 * (pg_proc.provolatile) decides:
 * <ul>
 *   <li>VOLATILE functions (random(), clock_timestamp(), nextval(), gen_random_uuid()) are refused;</li>
 *   <li>STABLE built-in functions are maintained, except those that read the clock or the
 *       session: PostgreSQL marks those STABLE like jsonb_build_object or to_char (which only read
 *       settings such as TimeZone), so they are named below;</li>
 *   <li>user-defined functions that are not IMMUTABLE may read tables that PostgreSQL does not
 *       record as dependencies of the definition: refused unless the TVIEW declares those tables
 *       ({@code extraSources}), whose changes then refresh it fully; a VOLATILE one must first be
 *       marked STABLE.</li>
 * </ul>
 */
public final class FunctionCheck {

    private static final String FUNCTIONS = SqlTemplate.load("functions.sql").text();

    /** STABLE built-ins whose value depends on the time or the session, not on their arguments' rows. */
    private static final Set<String> TIME_OR_SESSION = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "current_user",
            "session_user", "current_role", "user", "current_schema", "current_schemas", "current_database",
            "current_catalog", "current_setting", "pg_backend_pid", "txid_current", "txid_current_if_assigned",
            "pg_current_xact_id", "pg_current_xact_id_if_assigned", "inet_client_addr", "inet_client_port",
            "pg_my_temp_schema", "pg_conf_load_time", "pg_postmaster_start_time", "pg_trigger_depth");

    private FunctionCheck() {
    }

    public static void check(Connection c, RuleTree tree, String tview, boolean extraSourcesDeclared)
            throws SQLException {
        if (!tree.sqlValueFunctions().isEmpty()) {
            throw timeOrSession(tview, tree.sqlValueFunctions().get(0));
        }
        if (tree.functions().isEmpty()) {
            return;
        }
        List<String> undeclared = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FUNCTIONS)) {
            ps.setArray(1, c.createArrayOf("bigint", tree.functions().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String qualified = rs.getString(2);
                    String name = rs.getString(3);
                    String volatility = rs.getString(4);
                    int args = rs.getInt(5);
                    boolean builtin = rs.getBoolean(6);
                    String signature = qualified + "(" + rs.getString(7) + ")";
                    if (volatility.equals("v")) {
                        throw (builtin ? Refusal.VOLATILE_BUILTIN : Refusal.VOLATILE_FUNCTION).refuse("the definition of " + tview
                                + " calls " + signature + ", which is VOLATILE: its value may change without a write "
                                + "to any source, so the TVIEW would go stale", signature);
                    }
                    if (volatility.equals("s") && builtin && (TIME_OR_SESSION.contains(name)
                            || name.equals("age") && args == 1)) {
                        throw timeOrSession(tview, name + "()");
                    }
                    if (volatility.equals("s") && !builtin && !extraSourcesDeclared) {
                        undeclared.add(signature);
                    }
                }
            }
        }
        if (!undeclared.isEmpty()) {
            throw Refusal.STABLE_FUNCTION.refuse("the definition of " + tview + " calls " + String.join(", ", undeclared)
                    + ", which is STABLE, not IMMUTABLE: it may read tables that PostgreSQL does not record as sources "
                    + "of the definition, whose changes would then go unseen");
        }
    }

    private static TviewsException timeOrSession(String tview, String what) {
        return Refusal.TIME_OR_SESSION.refuse("the definition of " + tview + " uses " + what + ", whose value changes "
                + "with the time or the session and not with a write to any source, so the TVIEW would go stale");
    }
}
