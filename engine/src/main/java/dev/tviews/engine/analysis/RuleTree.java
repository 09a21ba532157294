package dev.tviews.engine.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What PostgreSQL's own parse analysis of a definition says, read from the stored query tree of
 * its backing view ({@code pg_rewrite.ev_action}): the functions it calls (by oid, whatever
 * their spelling, operators and aggregates included), whether its top level has window
 * functions, and whether any level has set-returning functions in its select list. The text form
 * of a query tree is PostgreSQL's node output; the fields read here exist from version 10 on.
 *
 * @param functions        oids of every function, operator function, aggregate and window function called
 * @param sqlValueFunctions the SQL-standard value functions used (CURRENT_DATE, CURRENT_USER, …;
 *                         PostgreSQL 15 and older keep them out of pg_proc)
 * @param topWindowFunctions whether the top-level SELECT computes window functions
 * @param targetSrfs       whether some level's select list calls a set-returning function
 */
public record RuleTree(Set<Long> functions, List<String> sqlValueFunctions, boolean topWindowFunctions,
                       boolean targetSrfs) {

    /** Names of SQLValueFunctionOp, in the enum's order (PostgreSQL 10 to 15). */
    private static final String[] SQL_VALUE_FUNCTIONS = {"CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIME(n)",
            "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP(n)", "LOCALTIME", "LOCALTIME(n)", "LOCALTIMESTAMP",
            "LOCALTIMESTAMP(n)", "CURRENT_ROLE", "CURRENT_USER", "USER", "SESSION_USER", "CURRENT_CATALOG",
            "CURRENT_SCHEMA"};

    public static RuleTree of(Connection c, long viewOid) throws SQLException {
        String tree;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ev_action::text FROM pg_catalog.pg_rewrite WHERE ev_class = ? AND rulename = '_RETURN'")) {
            ps.setLong(1, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                tree = rs.getString(1);
            }
        }
        return parse(tree);
    }

    static RuleTree parse(String tree) {
        List<String> tokens = tokens(tree);
        Set<Long> functions = new LinkedHashSet<>();
        List<String> valueFunctions = new ArrayList<>();
        Boolean topWindow = null;
        boolean srfs = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = tokens.get(i + 1);
            switch (t) {
                case ":funcid", ":opfuncid", ":aggfnoid", ":winfnoid" -> {
                    if (next.matches("\\d+") && !next.equals("0")) {
                        functions.add(Long.parseLong(next));
                    }
                }
                case ":hasWindowFuncs" -> {
                    if (topWindow == null) {
                        topWindow = next.equals("true");
                    }
                }
                case ":hasTargetSRFs" -> srfs |= next.equals("true");
                case "{SQLVALUEFUNCTION" -> {
                    if (next.equals(":op") && i + 2 < tokens.size() && tokens.get(i + 2).matches("\\d+")) {
                        int op = Integer.parseInt(tokens.get(i + 2));
                        valueFunctions.add(op < SQL_VALUE_FUNCTIONS.length ? SQL_VALUE_FUNCTIONS[op] : "CURRENT_*");
                    }
                }
                default -> {
                }
            }
        }
        return new RuleTree(functions, List.copyOf(valueFunctions), Boolean.TRUE.equals(topWindow), srfs);
    }

    /** Splits at white space that is not escaped; node output escapes white space in names with a backslash. */
    private static List<String> tokens(String tree) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < tree.length(); i++) {
            char ch = tree.charAt(i);
            if (ch == '\\' && i + 1 < tree.length()) {
                current.append(ch).append(tree.charAt(++i));
            } else if (Character.isWhitespace(ch) || ch == '(' || ch == ')') {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(ch);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
