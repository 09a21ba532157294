package dev.tviews.checker.reproduce;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.oracle.OracleTarget;
import dev.tviews.checker.run.ErrorOrigin;
import dev.tviews.engine.TriggerMode;
import dev.tviews.engine.TviewOptions;
import dev.tviews.engine.Tviews;
import dev.tviews.sql.SqlState;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Script} on an empty database and says whether its failure shows.
 *
 * <p>One session: the steps run in order on one connection in autocommit mode (the script holds
 * its own BEGIN, SAVEPOINT, COMMIT …); errors are part of the workload and ignored, as in the run
 * that found the failure; the oracle runs after every step unless the transaction is aborted —
 * the engine promises fresh read models after every statement.
 *
 * <p>Several sessions (a concurrency failure): each session runs on a thread of its own with its own connection, and steps
 * start in the recorded order. A step that has not finished after {@link #BLOCKED_AFTER_MILLIS}
 * is taken to be blocked by another session's locks; the others go on, and the blocked
 * session's next step first waits for it. The oracle runs on a connection of its own whenever no
 * session is inside a transaction, and at the end (open transactions are then rolled back, as if
 * their sessions disconnected). A {@code lock_timeout} bounds a step that waits for a lock that
 * the script never releases.
 *
 * <p>With {@code waitForLocks}, a step counts as blocked only when {@code pg_blocking_pids} names
 * another session of the script, as the interleaving explorer runs its permutations; until then
 * the replay waits for it, however long a loaded machine takes, and after every step it lets the
 * steps it released finish (or block again) before the next one starts; a step due on a session
 * that is still blocked has its blocked statement cancelled, as lock_timeout would, only at once.
 * The recorded order is then replayed the same every time, which the 150 ms guess cannot promise.
 */
public final class ScriptReplayer {

    public static final long BLOCKED_AFTER_MILLIS = 150;
    private static final long STUCK_AFTER_MILLIS = 6_000;

    /** Opens connections to the database the script runs in. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * @param reproduced whether the read models were stale at some check (or the engine refused a valid write, with one session)
     * @param step       the 0-based index of the step after which it showed
     * @param report     the oracle's findings there
     * @param error      the engine's error, when that was the failure
     * @param checks     oracle runs
     * @param errors     steps that raised an error (retryable conflicts, constraint violations …)
     * @param blocked    steps that were blocked by the other session (several sessions)
     */
    public record Outcome(boolean reproduced, Optional<Integer> step, Optional<OracleReport> report,
                          Optional<String> error, int checks, int errors, int blocked) {

        public String describe() {
            if (!reproduced) {
                return "did not reproduce: the read models were fresh at all " + checks + " checks (" + errors
                        + " steps raised errors, " + blocked + " were blocked)";
            }
            String at = step.map(s -> "after step " + (s + 1)).orElse("at the end");
            return "REPRODUCED " + at + ": " + report.map(r -> "read models are stale\n" + r.describe())
                    .orElseGet(() -> "the engine refused a valid write: " + error.orElse("?"));
        }
    }

    private ScriptReplayer() {
    }

    /** The oracle for the TVIEWs the script creates. */
    public static Oracle oracle(Script script) {
        List<OracleTarget> targets = new ArrayList<>();
        for (ScriptBlock b : script.blocks()) {
            if (b instanceof ScriptBlock.Create c) {
                targets.add(OracleTarget.of(c.name(), c.key(), c.select()));
            }
        }
        return Oracle.of(targets);
    }

    /** Runs the script's setup (schema, data, engine, TVIEWs), without the breakage and the steps. */
    public static void setUp(Connection c, Script script) throws SQLException {
        run(c, script, false);
    }

    /**
     * Applies the breakage blocks ({@code sql breakage}): those that change the database's own
     * settings ({@code databaseSettings}), which a template clone does not inherit, or the others.
     */
    public static void applyBreakage(Connection c, Script script, boolean databaseSettings) throws SQLException {
        c.setAutoCommit(true);
        for (ScriptBlock b : script.blocks()) {
            if (b instanceof ScriptBlock.Sql s && isBreakage(s) && s.sql().contains("ALTER DATABASE") == databaseSettings) {
                execute(c, s.sql());
            }
        }
    }

    public static boolean isBreakage(ScriptBlock.Sql s) {
        return s.label().equals("breakage");
    }

    private static void run(Connection c, Script script, boolean breakage) throws SQLException {
        c.setAutoCommit(true);
        Tviews tviews = Tviews.on(c);
        for (ScriptBlock b : script.blocks()) {
            if (b instanceof ScriptBlock.Sql s) {
                if (!isBreakage(s) || breakage) {
                    execute(c, s.sql());
                }
            } else if (b instanceof ScriptBlock.Install i) {
                tviews.install();
                tviews.setTriggerMode(TriggerMode.valueOf(i.triggerMode().toUpperCase(Locale.ROOT)));
            } else if (b instanceof ScriptBlock.Create cr) {
                tviews.create(definition(cr));
            }
            // steps and the check run later
        }
    }

    /** The engine's definition of the TVIEW a {@code create} block makes. */
    public static dev.tviews.engine.TviewDefinition definition(ScriptBlock.Create cr) {
        TviewOptions o = TviewOptions.defaults().withKeyColumn(cr.key());
        for (String option : cr.options()) {
            switch (option) {
                case "fullRefreshOnUntraceable" -> o = o.withFullRefreshOnUntraceable();
                case "ginIndexOnData" -> o = o.withGinIndexOnData();
                case "uniqueId" -> o = o.withUniqueId();
                case SetupCapture.BATCH -> o = o.withBatch();
                default -> throw new IllegalArgumentException("unknown option '" + option + "' of TVIEW "
                        + cr.name() + ": known are fullRefreshOnUntraceable, ginIndexOnData, uniqueId and batch");
            }
        }
        return new dev.tviews.engine.TviewDefinition(cr.name(), cr.select(), o);
    }

    /**
     * Sets up the script on {@code connector}'s (empty) database, applies its breakage and replays its steps.
     */
    public static Outcome replay(Connector connector, Script script) throws SQLException {
        return replay(connector, script, false);
    }

    /** As {@link #replay(Connector, Script)}; {@code waitForLocks}: several sessions paced by their locks, not by time. */
    public static Outcome replay(Connector connector, Script script, boolean waitForLocks) throws SQLException {
        try (Connection c = connector.connect()) {
            run(c, script, true);
        }
        return replaySteps(connector, script, oracle(script), true, waitForLocks);
    }

    /** Replays the steps on a database where the setup and the breakage have run. */
    public static Outcome replaySteps(Connector connector, Script script, Oracle oracle) throws SQLException {
        return replaySteps(connector, script, oracle, true);
    }

    /**
     * @param everyStep with one session, check after every step (as {@code replay} does) rather than
     *                  only after the last one (cheaper: the reducer's first passes use that)
     */
    public static Outcome replaySteps(Connector connector, Script script, Oracle oracle, boolean everyStep)
            throws SQLException {
        return replaySteps(connector, script, oracle, everyStep, false);
    }

    /** @param waitForLocks with several sessions, pace the steps by their locks (see the class comment) */
    public static Outcome replaySteps(Connector connector, Script script, Oracle oracle, boolean everyStep,
                                      boolean waitForLocks) throws SQLException {
        return script.sessions() == 1 ? oneSession(connector, script, oracle, everyStep)
                : sessions(connector, script, oracle, waitForLocks);
    }

    private static Outcome oneSession(Connector connector, Script script, Oracle oracle, boolean everyStep)
            throws SQLException {
        List<String> readModels = oracle.targets().stream().map(OracleTarget::name).toList();
        List<ScriptBlock.Step> steps = script.steps();
        boolean afterCommitOnly = script.checksAfterCommitOnly();
        int checks = 0;
        int errors = 0;
        try (Connection c = connector.connect()) {
            prepareSession(c);
            if (everyStep) {
                OracleReport first = oracle.check(c);
                checks++;
                if (!first.fresh()) {
                    return new Outcome(true, Optional.empty(), Optional.of(first), Optional.empty(), checks, errors, 0);
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                try {
                    execute(c, steps.get(i));
                } catch (SQLException e) {
                    errors++;
                    if (ErrorOrigin.of(e, readModels) == ErrorOrigin.ENGINE) {
                        return new Outcome(true, Optional.of(i), Optional.empty(), Optional.of(ErrorOrigin.describe(e)),
                                checks, errors, 0);
                    }
                }
                TransactionState now = state(c);
                boolean promised = afterCommitOnly ? now == TransactionState.IDLE : now != TransactionState.FAILED;
                if ((everyStep || i == steps.size() - 1) && promised) {
                    checks++;
                    OracleReport report;
                    try {
                        report = oracle.check(c);
                    } catch (SQLException e) {
                        continue; // the definition cannot be evaluated here: not this script's failure
                    }
                    if (!report.fresh()) {
                        return new Outcome(true, Optional.of(i), Optional.of(report), Optional.empty(), checks, errors, 0);
                    }
                }
            }
        }
        return new Outcome(false, Optional.empty(), Optional.empty(), Optional.empty(), checks, errors, 0);
    }

    private static Outcome sessions(Connector connector, Script script, Oracle oracle, boolean waitForLocks)
            throws SQLException {
        List<ScriptBlock.Step> steps = script.steps();
        int n = script.sessions();
        ExecutorService[] threads = new ExecutorService[n];
        Connection[] sessions = new Connection[n];
        int[] pids = new int[n];
        @SuppressWarnings("unchecked")
        Future<Boolean>[] pending = new Future[n];
        int checks = 0;
        int errors = 0;
        int blocked = 0;
        try (Connection checker = connector.connect()) {
            checker.setAutoCommit(true);
            for (int s = 0; s < n; s++) {
                threads[s] = Executors.newSingleThreadExecutor();
                sessions[s] = connector.connect();
                prepareSession(sessions[s]);
                pids[s] = waitForLocks ? backendPid(sessions[s]) : 0;
            }
            Locks locks = waitForLocks ? new Locks(checker, pids) : null;
            for (int i = 0; i < steps.size(); i++) {
                ScriptBlock.Step step = steps.get(i);
                int s = step.session() - 1;
                if (pending[s] != null) {
                    if (locks != null && locks.settle(pending[s], s).isEmpty()) {
                        // Still waiting for another session that, in this order, releases nothing before this
                        // step: only lock_timeout would end the wait. Cancelling now ends it the same way
                        // (the statement fails, its transaction is aborted), without the seconds of waiting.
                        locks.cancel(s);
                    }
                    if (!await(pending[s], STUCK_AFTER_MILLIS)) {
                        errors++;
                    }
                    pending[s] = null;
                }
                Connection session = sessions[s];
                Future<Boolean> f = threads[s].submit(() -> {
                    try {
                        execute(session, step);
                        return true;
                    } catch (SQLException e) {
                        return false;
                    }
                });
                if (locks != null) {
                    Optional<Boolean> done = locks.settle(f, s);
                    if (done.isEmpty()) {
                        pending[s] = f;
                        blocked++;
                    } else if (!done.get()) {
                        errors++;
                    }
                    // What this step did (a COMMIT, say) may have released others: they finish or block again first.
                    for (int other = 0; other < n; other++) {
                        if (other != s && pending[other] != null) {
                            Optional<Boolean> released = locks.settle(pending[other], other);
                            if (released.isPresent()) {
                                pending[other] = null;
                                errors += released.get() ? 0 : 1;
                            }
                        }
                    }
                    if (pending[s] != null) {
                        continue;
                    }
                } else {
                    try {
                        if (!f.get(BLOCKED_AFTER_MILLIS, TimeUnit.MILLISECONDS)) {
                            errors++;
                        }
                    } catch (TimeoutException e) {
                        pending[s] = f;
                        blocked++;
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("the replay was interrupted", SqlState.QUERY_CANCELED.code(), e);
                    } catch (ExecutionException e) {
                        errors++;
                    }
                }
                if (allIdle(sessions, pending)) {
                    checks++;
                    OracleReport report = oracle.check(checker);
                    if (!report.fresh()) {
                        return new Outcome(true, Optional.of(i), Optional.of(report), Optional.empty(), checks, errors, blocked);
                    }
                }
            }
            // The end: what is still running finishes, open transactions roll back (as if their
            // sessions disconnected), then the last check.
            for (int round = 0; round < 3; round++) {
                for (int s = 0; s < n; s++) {
                    if (pending[s] != null && pending[s].isDone()) {
                        pending[s] = null;
                    }
                    if (pending[s] == null && state(sessions[s]) != TransactionState.IDLE) {
                        Connection session = sessions[s];
                        await(threads[s].submit(() -> {
                            execute(session, "ROLLBACK");
                            return true;
                        }), STUCK_AFTER_MILLIS);
                    }
                }
                for (int s = 0; s < n; s++) {
                    if (pending[s] != null) {
                        await(pending[s], STUCK_AFTER_MILLIS);
                        pending[s] = null;
                    }
                }
            }
            checks++;
            OracleReport report = oracle.check(checker);
            return new Outcome(!report.fresh(), Optional.empty(), report.fresh() ? Optional.empty() : Optional.of(report),
                    Optional.empty(), checks, errors, blocked);
        } finally {
            for (int s = 0; s < n; s++) {
                if (threads[s] != null) {
                    threads[s].shutdownNow();
                }
                if (sessions[s] != null) {
                    try {
                        sessions[s].close();
                    } catch (SQLException e) {
                        // the database is dropped with FORCE afterwards
                    }
                }
            }
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Blocking as PostgreSQL's lock manager reports it, asked on the (idle) checker's connection. */
    private static final class Locks {

        /** Past the sessions' statement_timeout: a step that neither finishes nor blocks by then is left pending. */
        private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(65);

        private final java.sql.PreparedStatement blockers;
        private final java.util.Set<Integer> ours = new java.util.HashSet<>();
        private final int[] pids;

        Locks(Connection checker, int[] pids) throws SQLException {
            this.blockers = checker.prepareStatement("SELECT pg_blocking_pids(?)");
            this.pids = pids;
            for (int p : pids) {
                ours.add(p);
            }
        }

        /** The step's result once it finished, or empty while it waits for a lock another session holds. */
        Optional<Boolean> settle(Future<Boolean> f, int session) throws SQLException {
            long deadline = System.nanoTime() + STUCK_NANOS;
            while (System.nanoTime() < deadline) {
                try {
                    return Optional.of(f.get(2, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    if (waitsForSession(pids[session])) {
                        return Optional.empty();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("the replay was interrupted", SqlState.QUERY_CANCELED.code(), e);
                } catch (ExecutionException e) {
                    return Optional.of(false);
                }
            }
            return Optional.empty();
        }

        void cancel(int session) throws SQLException {
            try (java.sql.PreparedStatement st = blockers.getConnection().prepareStatement("SELECT pg_cancel_backend(?)")) {
                st.setInt(1, pids[session]);
                st.execute();
            }
        }

        private boolean waitsForSession(int pid) throws SQLException {
            blockers.setInt(1, pid);
            try (java.sql.ResultSet rs = blockers.executeQuery()) {
                rs.next();
                java.sql.Array array = rs.getArray(1);
                if (array == null) {
                    return false;
                }
                for (Integer blocker : (Integer[]) array.getArray()) {
                    if (ours.contains(blocker)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static boolean allIdle(Connection[] sessions, Future<Boolean>[] pending) throws SQLException {
        for (int s = 0; s < sessions.length; s++) {
            if (pending[s] != null || state(sessions[s]) != TransactionState.IDLE) {
                return false;
            }
        }
        return true;
    }

    private static boolean await(Future<Boolean> f, long millis) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /**
     * Deadlocks are part of concurrent workloads; PostgreSQL looks for them after deadlock_timeout
     * (1 s by default), which would dominate a replay. Lowering it needs a superuser: where that is
     * refused, the server's setting stays.
     */
    public static void quickDeadlocks(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SET deadlock_timeout = '50ms'");
        } catch (SQLException e) {
            // not a superuser: deadlocks are found after the server's deadlock_timeout
        }
    }

    /** Autocommit, quick deadlocks, and bounded waits: how every replayed (or explored) session starts. */
    public static void prepareSession(Connection c) throws SQLException {
        c.setAutoCommit(true);
        quickDeadlocks(c);
        // A step waiting for a lock that the script never releases gives up instead of hanging.
        execute(c, "SET lock_timeout = '4s'");
        execute(c, "SET statement_timeout = '60s'");
    }

    public static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    static void execute(Connection c, ScriptBlock.Step step) throws SQLException {
        if (!step.pin().isEmpty()) {
            execute(c, step.pin());
        }
        if (step.isCopy()) {
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(step.sql(), new StringReader(step.copyData()));
            } catch (IOException e) {
                throw new SQLException("COPY could not read its own data: " + e.getMessage(), SqlState.IO_ERROR.code(), e);
            }
        } else {
            execute(c, step.sql());
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
