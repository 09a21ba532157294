package dev.tviews.checker.explore;

import dev.tviews.checker.explore.Interleavings.StepRef;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.reproduce.ScriptReplayer;
import dev.tviews.sql.SqlState;
import org.postgresql.core.TransactionState;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one permutation the way PostgreSQL's isolation tester does. Every session has its own
 * connection and thread and opens its transaction first. Steps start in the permutation's order;
 * after starting one, the runner waits until it has finished or its backend waits for a lock that
 * another session of the permutation holds — {@code pg_blocking_pids(pid)} names one of theirs.
 * A blocked step goes on in the background; the permutation's next steps of other sessions run
 * (typically one of them commits and so releases the lock), and a step of the blocked session is
 * held back until its session is free again. After each step, steps that were blocked are waited
 * for until they finish or block again, so that what runs next does not depend on timing. Then
 * every open transaction is rolled back and the oracle runs.
 */
final class PermutationRunner {

    /** A step that neither finishes nor blocks on a session of the permutation in this long is stuck. */
    private static final long STUCK_MILLIS = 20_000;

    /**
     * @param started     the steps in the order they started (a held-back step later than the permutation said)
     * @param blocked     how many times a step blocked on another session
     * @param errors      steps that failed, per SQLSTATE (serialization failures, deadlocks, constraint violations …)
     * @param report      the oracle after the permutation
     */
    record Outcome(List<StepRef> started, int blocked, Map<String, Integer> errors, OracleReport report) {

        boolean fresh() {
            return report.fresh();
        }
    }

    private PermutationRunner() {
    }

    static Outcome run(ScriptReplayer.Connector connector, SessionScripts scripts, List<StepRef> permutation, Oracle oracle)
            throws SQLException, InterruptedException {
        int n = scripts.sessions().size();
        Connection[] sessions = new Connection[n];
        ExecutorService[] threads = new ExecutorService[n];
        int[] pids = new int[n];
        @SuppressWarnings("unchecked")
        Future<Optional<SQLException>>[] running = new Future[n];
        List<StepRef> started = new ArrayList<>();
        Map<String, Integer> errors = new LinkedHashMap<>();
        int blocked = 0;
        try (Connection monitor = connector.connect();
             PreparedStatement blockers = monitor.prepareStatement("SELECT pg_blocking_pids(?)")) {
            monitor.setAutoCommit(true);
            for (int s = 0; s < n; s++) {
                int number = s + 1;
                threads[s] = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "tviews-explore-session-" + number);
                    t.setDaemon(true);
                    return t;
                });
                sessions[s] = connector.connect();
                ScriptReplayer.prepareSession(sessions[s]);
                try (Statement st = sessions[s].createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pids[s] = rs.getInt(1);
                }
                execute(sessions[s], scripts.begin());
            }
            List<StepRef> remaining = new ArrayList<>(permutation);
            while (!remaining.isEmpty()) {
                StepRef next = null;
                for (StepRef r : remaining) {
                    if (running[r.session() - 1] == null) {
                        next = r;
                        break;
                    }
                }
                if (next == null) {
                    // Every session with steps left is blocked: wait for one of them to finish.
                    waitForAny(running, errors);
                    continue;
                }
                remaining.remove(next);
                int s = next.session() - 1;
                String sql = scripts.sql(next);
                Connection c = sessions[s];
                started.add(next);
                running[s] = threads[s].submit(() -> {
                    try {
                        execute(c, sql);
                        return Optional.empty();
                    } catch (SQLException e) {
                        return Optional.of(e);
                    }
                });
                if (settle(s, running, pids, blockers, errors)) {
                    blocked++;
                }
                // What this step did may have released steps that were blocked: let them finish or block again.
                for (int other = 0; other < n; other++) {
                    if (other != s && running[other] != null) {
                        settle(other, running, pids, blockers, errors);
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                if (running[s] != null) {
                    finish(s, running, errors, STUCK_MILLIS);
                }
            }
            for (Connection c : sessions) {
                if (ScriptReplayer.state(c) != TransactionState.IDLE) {
                    execute(c, "ROLLBACK");
                }
            }
            return new Outcome(started, blocked, errors, oracle.check(monitor));
        } finally {
            for (int s = 0; s < n; s++) {
                if (threads[s] != null) {
                    threads[s].shutdownNow();
                }
                if (sessions[s] != null) {
                    try {
                        sessions[s].close();
                    } catch (SQLException e) {
                        // the clone is dropped WITH (FORCE) next
                    }
                }
            }
        }
    }

    /**
     * Waits until session {@code s}'s step finished or its backend waits for a lock that another
     * session of the permutation holds; returns whether it is blocked.
     */
    private static boolean settle(int s, Future<Optional<SQLException>>[] running, int[] pids, PreparedStatement blockers,
                                  Map<String, Integer> errors) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        while (System.nanoTime() < deadline) {
            if (finish(s, running, errors, 2)) {
                return false;
            }
            if (waitsForSession(pids[s], pids, blockers)) {
                // Waiting now (should it finish right after, the next settle or wait sees it).
                return true;
            }
        }
        throw new SQLException("step of session " + (s + 1) + " neither finished nor waited for another session within "
                + STUCK_MILLIS / 1000 + " s: it waits for something outside the permutation", SqlState.QUERY_CANCELED.code());
    }

    private static boolean waitsForSession(int pid, int[] pids, PreparedStatement blockers) throws SQLException {
        blockers.setInt(1, pid);
        try (ResultSet rs = blockers.executeQuery()) {
            rs.next();
            Array array = rs.getArray(1);
            if (array == null) {
                return false;
            }
            Set<Integer> ours = new java.util.HashSet<>();
            for (int p : pids) {
                ours.add(p);
            }
            for (Integer blocker : (Integer[]) array.getArray()) {
                if (ours.contains(blocker)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether session {@code s}'s step finished within {@code millis} (its error counted); then the session is free. */
    private static boolean finish(int s, Future<Optional<SQLException>>[] running, Map<String, Integer> errors, long millis)
            throws SQLException, InterruptedException {
        try {
            Optional<SQLException> error = running[s].get(millis, TimeUnit.MILLISECONDS);
            error.ifPresent(e -> errors.merge(String.valueOf(e.getSQLState()), 1, Integer::sum));
            running[s] = null;
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new SQLException("a step failed outside JDBC: " + e.getCause(), SqlState.INTERNAL_ERROR.code(), e.getCause());
        }
    }

    private static void waitForAny(Future<Optional<SQLException>>[] running, Map<String, Integer> errors)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        while (System.nanoTime() < deadline) {
            for (int s = 0; s < running.length; s++) {
                if (running[s] != null && finish(s, running, errors, 1)) {
                    return;
                }
            }
        }
        throw new SQLException("every session with steps left stayed blocked for " + STUCK_MILLIS / 1000 + " s", SqlState.QUERY_CANCELED.code());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
