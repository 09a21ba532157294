package dev.tviews.checker.crash;

import dev.tviews.checker.generate.DataState;
import dev.tviews.checker.generate.Step;
import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.generate.WorkloadGenerator;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.reproduce.ScriptReplayer;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.database.CrashableEmbeddedServer;
import dev.tviews.sql.SqlState;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A crash in the middle of a load: {@code writers} sessions run random transactions from the
 * checker's generator on the session's database; once {@code commitsBeforeKill} have committed
 * (or {@code loadLimit} passed) every PostgreSQL process is killed with SIGKILL, the server
 * restarts on the same data directory (crash recovery), and the oracle checks every read model.
 * A refresh is part of its writer's transaction, so recovery keeps both or neither. Then the
 * runtime's own tables: unlogged ones (statistics, flush requests) come back empty, the batching
 * queue holds nothing committed, the health check reports no problem; and a few more writes must
 * be maintained as before.
 */
public final class CrashCheck {

    /**
     * @param committed      transactions committed before the kill
     * @param afterRecovery  the oracle right after the restart
     * @param runtimeProblems what is wrong with the runtime's own tables after recovery (empty: nothing)
     * @param afterWriting   the oracle after writes made after the restart
     */
    public record Result(long committed, Duration load, Duration restart, OracleReport afterRecovery,
                         List<String> runtimeProblems, OracleReport afterWriting) {

        public boolean passed() {
            return afterRecovery.fresh() && runtimeProblems.isEmpty() && afterWriting.fresh();
        }
    }

    private CrashCheck() {
    }

    public static Result run(CrashableEmbeddedServer server, CheckSession session, long seed, int writers,
                             long commitsBeforeKill, Duration loadLimit) throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            long writerSeed = seed * 31 + w;
            pool.submit(() -> write(session, writerSeed, crashed, committed));
        }
        long deadline = start + loadLimit.toNanos();
        while (committed.get() < commitsBeforeKill && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Duration load = Duration.ofNanos(System.nanoTime() - start);
        crashed.set(true);
        server.kill();
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        long killedAt = System.nanoTime();
        server.restart();
        Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
        try (Connection c = session.database().connect()) {
            c.setAutoCommit(true);
            OracleReport recovered = session.oracle().check(c);
            List<String> problems = runtimeProblems(c);
            // The engine maintains on after recovery: a few more transactions, then the oracle again.
            WorkloadGenerator generator = new WorkloadGenerator(new DataState(c, session.catalog()), seed * 31 + writers,
                    weights());
            for (int i = 0; i < 20; i++) {
                runStep(c, generator);
            }
            if (state(c) != TransactionState.IDLE) {
                execute(c, state(c) == TransactionState.OPEN ? "COMMIT" : "ROLLBACK");
            }
            return new Result(committed.get(), load, restart, recovered, problems, session.oracle().check(c));
        }
    }

    /** The runtime's own tables after recovery, as far as a crash can have touched them. */
    private static List<String> runtimeProblems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        long flush = count(c, "SELECT count(*) FROM tviews.flush_request");
        if (flush > 0) {
            problems.add(flush + " flush requests survived the crash (tviews.flush_request is unlogged: it must be empty)");
        }
        long stats = count(c, "SELECT count(*) FROM tviews.stats");
        if (stats > 0) {
            problems.add(stats + " statistics rows survived the crash (tviews.stats is unlogged: it must be empty)");
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM pg_tviews_health_check() WHERE status NOT IN ('ok', 'warning')")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder("health check: ");
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? ", " : "").append(rs.getString(i));
                }
                problems.add(row.toString());
            }
        }
        return problems;
    }

    /** One writer: random transactions until the server is gone; errors (refusals, conflicts, the crash) end a transaction. */
    private static void write(CheckSession session, long seed, AtomicBoolean crashed, AtomicLong committed) {
        try (Connection c = session.database().connect()) {
            // Quick deadlock detection and bounded lock waits, so that eight writers on hot keys keep committing.
            ScriptReplayer.prepareSession(c);
            WorkloadGenerator generator = new WorkloadGenerator(new DataState(c, session.catalog()), seed, weights());
            while (!crashed.get()) {
                if (runStep(c, generator)) {
                    committed.incrementAndGet();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the server was killed under it
        }
    }

    /** Runs the generator's next step; true when it committed a transaction (or an autocommit statement). */
    private static boolean runStep(Connection c, WorkloadGenerator generator) throws SQLException {
        boolean autocommit = state(c) == TransactionState.IDLE;
        Step step = generator.next();
        try {
            if (step instanceof Step.Copy copy) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), new StringReader(copy.data()));
            } else {
                execute(c, step.sql());
            }
            if (step instanceof Step.Statement s) {
                generator.state().written(s.writes(), s.insertOnly());
            } else if (step instanceof Step.Copy copy) {
                generator.state().written(copy.writes(), true);
            }
            return step.kind() == StepKind.COMMIT || autocommit && !(step instanceof Step.Control);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY could not read its own data: " + e.getMessage(), SqlState.IO_ERROR.code(), e);
        } catch (SQLException e) {
            if (c.isClosed() || SqlState.CONNECTION_FAILURE.matches(e) || SqlState.ADMIN_SHUTDOWN.matches(e)) {
                throw e;
            }
            if (state(c) != TransactionState.IDLE) {
                execute(c, "ROLLBACK");
            }
            generator.state().allDirty();
            generator.transactionAborted();
            return false;
        }
    }

    /** The default mix without TRUNCATE, which would serialize the writers. */
    private static Weights weights() {
        return Weights.defaults().with(StepKind.TRUNCATE, 0);
    }

    private static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
