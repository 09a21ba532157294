package dev.tviews.checker.junit;

import dev.tviews.checker.explore.OwnDatabaseRun;
import dev.tviews.checker.explore.SessionScripts;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.reproduce.ScriptReplayer;
import org.opentest4j.AssertionFailedError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Concurrent transactions of a user's own code, in every order of their statements: each session
 * opens a transaction, runs its statements one at a time in the order a permutation says (a
 * statement that waits for another session's lock, as {@code pg_blocking_pids} shows, lets the
 * others go on) and commits; after each permutation every TVIEW of the database must be fresh.
 * {@code reset} brings the data back before each permutation.
 *
 * <pre>{@code
 * TviewsInterleavings.assertFreshInEveryOrder(dataSource::getConnection, c -> loadFixture(c), "read committed",
 *         List.of("UPDATE tb_author SET name = 'Bo' WHERE pk_author = 1"),
 *         List.of("INSERT INTO tb_post (fk_author, title) VALUES (1, 'new')"));
 * }</pre>
 */
public final class TviewsInterleavings {

    /** All permutations up to this many; more are sampled. */
    public static final int LIMIT = 200;

    private TviewsInterleavings() {
    }

    /**
     * @param isolationLevel {@code read committed}, {@code repeatable read} or {@code serializable}
     * @param sessions       each session's statements (one per line, COMMIT added)
     * @return how many permutations ran
     */
    @SafeVarargs
    public static int assertFreshInEveryOrder(ScriptReplayer.Connector connector, OwnDatabaseRun.Reset reset,
                                              String isolationLevel, List<String>... sessions) {
        SessionScripts scripts = SessionScripts.committing(isolationLevel, List.of(sessions));
        OwnDatabaseRun run;
        try {
            Oracle oracle;
            try (Connection c = connector.connect()) {
                oracle = Oracle.of(Oracle.tviewsTargets(c));
            }
            if (oracle.targets().isEmpty()) {
                throw new AssertionFailedError("there are no TVIEWs in this database to check (tviews.tview is empty); "
                        + "create them before exploring interleavings");
            }
            run = OwnDatabaseRun.run(connector, reset, scripts, oracle, LIMIT, 1);
        } catch (SQLException e) {
            throw new AssertionFailedError("could not run the interleavings: " + e.getMessage() + " (SQLSTATE "
                    + e.getSQLState() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while running the interleavings", e);
        }
        if (run.stale().isPresent()) {
            throw new AssertionFailedError("read models are stale after permutation " + run.stale().get() + "\n("
                    + run.permutations() + " permutations run; differences shown as read model ≠ definition)\n"
                    + run.report().orElseThrow().describe());
        }
        return run.permutations();
    }
}
