package dev.tviews.checker.junit;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.oracle.OracleTarget;
import dev.tviews.checker.oracle.RowDifference;
import org.opentest4j.AssertionFailedError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Assertions for a user's own test suite: after their code ran, every TVIEW (or the ones named)
 * holds exactly what its definition returns now. A failure's message is the oracle's report, one
 * line per differing path ({@code $.data.author.name: "Ann" ≠ "Bob"}); IDEs also show the first
 * differing row as expected/actual.
 *
 * <pre>{@code
 * orderService.placeOrder(...);
 * TviewsAssertions.assertFresh(connection);               // every TVIEW of the database
 * TviewsAssertions.assertFresh(connection, "tv_order");   // only these
 * }</pre>
 *
 * The connection may be inside a transaction: the check then sees that transaction's writes.
 */
public final class TviewsAssertions {

    private TviewsAssertions() {
    }

    /** Every TVIEW the tviews engine maintains in this database is fresh. */
    public static void assertFresh(Connection connection) {
        assertFresh(connection, new String[0]);
    }

    /** The TVIEWs named (as in {@code tviews.tview}, e.g. {@code tv_post} or {@code app.tv_post}) are fresh. */
    public static void assertFresh(Connection connection, String... tviews) {
        List<OracleTarget> targets = targets(connection, tviews);
        assertFresh(connection, Oracle.of(targets));
    }

    /** The read models of {@code oracle} are fresh: for read models that are not TVIEWs (any table or materialized view). */
    public static void assertFresh(Connection connection, Oracle oracle) {
        OracleReport report;
        try {
            report = oracle.check(connection);
        } catch (SQLException e) {
            throw new AssertionFailedError("could not check the read models: " + e.getMessage(), e);
        }
        if (!report.fresh()) {
            Optional<RowDifference> first = report.targets().stream().filter(t -> !t.fresh())
                    .flatMap(t -> t.examples().stream()).findFirst();
            String message = "read models are not fresh (differences shown as read model ≠ definition):\n" + report.describe();
            throw first.map(d -> new AssertionFailedError(message, d.expectedRow(), d.actualRow()))
                    .orElseGet(() -> new AssertionFailedError(message));
        }
    }

    /** The report instead of an assertion, e.g. to log it. */
    public static OracleReport check(Connection connection, String... tviews) throws SQLException {
        return Oracle.of(targets(connection, tviews)).check(connection);
    }

    private static List<OracleTarget> targets(Connection connection, String... names) {
        List<OracleTarget> all;
        try {
            all = Oracle.tviewsTargets(connection);
        } catch (SQLException e) {
            throw new AssertionFailedError("could not read the TVIEWs of this database (is the tviews runtime "
                    + "installed? SELECT * FROM tviews.tview): " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new AssertionFailedError("there are no TVIEWs in this database to check (tviews.tview is empty); "
                    + "create them before asserting they are fresh");
        }
        if (names.length == 0) {
            return all;
        }
        Set<String> wanted = new HashSet<>(Arrays.asList(names));
        List<OracleTarget> chosen = new ArrayList<>();
        for (OracleTarget t : all) {
            if (wanted.remove(t.name()) || wanted.remove(t.name().replace("\"", ""))) {
                chosen.add(t);
            }
        }
        if (!wanted.isEmpty()) {
            throw new AssertionFailedError("no TVIEW named " + wanted + " in this database; its TVIEWs are "
                    + all.stream().map(OracleTarget::name).toList());
        }
        return chosen;
    }
}
