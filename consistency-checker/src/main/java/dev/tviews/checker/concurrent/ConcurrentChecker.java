package dev.tviews.checker.concurrent;

import dev.tviews.checker.generate.DataState;
import dev.tviews.checker.generate.Step;
import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.WorkloadGenerator;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.reproduce.Capture;
import dev.tviews.checker.reproduce.Reproducers;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ErrorOrigin;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.sql.Identifiers;
import dev.tviews.sql.SqlState;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers against shared data: N sessions each run random transactions (the same
 * generator as the single-session checker, each session with a seed of its own) on the same small
 * tables, so that they collide on hot keys. Rounds alternate between READ COMMITTED, REPEATABLE
 * READ and SERIALIZABLE. Serialization failures, deadlocks and lock timeouts roll the transaction
 * back and retry it (counted). After each round, with every session idle, the oracle checks every
 * read model. Every statement is recorded, in the order the sessions started them, so that a
 * failure comes back as a two-session script that {@code replay} re-runs in that order. The
 * script holds only the failing round: the data is captured at the start of each round (every
 * session idle, the read models fresh, as the oracle found after the previous round), and that
 * snapshot is the script's setup, the breakage re-applied on top.
 */
public final class ConcurrentChecker {

    private static final Set<String> RETRYABLE = Set.of(SqlState.SERIALIZATION_FAILURE.code(), SqlState.DEADLOCK_DETECTED.code(),
            SqlState.LOCK_NOT_AVAILABLE.code());

    /** Decides whether a recorded script shows its failure when replayed. */
    @FunctionalInterface
    public interface Validator {
        boolean reproduces(Script script) throws Exception;
    }

    private final ScenarioTemplates templates;

    public ConcurrentChecker(ScenarioTemplates templates) {
        this.templates = templates;
    }

    /** What a long run reports after each round. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (round, level, result) -> { };

        /** {@code result} holds the counts so far, as if the run ended after this round. */
        void afterRound(int round, String level, ConcurrentResult result);
    }

    /** Runs without validating: the first stale round is the failure. */
    public ConcurrentResult run(CheckTarget target, ConcurrentOptions options) throws Exception {
        return run(target, options, script -> true);
    }

    public ConcurrentResult run(CheckTarget target, ConcurrentOptions options, Validator validator) throws Exception {
        return run(target, options, validator, Progress.NONE);
    }

    /**
     * Runs; a stale round counts as the failure only when {@code validator} says its script
     * reproduces. A race inside one statement (another session committing between its snapshot and
     * its write) cannot be replayed statement by statement: then the read models are rebuilt (a
     * step of the script too) and the run goes on.
     */
    public ConcurrentResult run(CheckTarget target, ConcurrentOptions options, Validator validator, Progress progress)
            throws Exception {
        return run(target, options, validator, progress, session -> () -> { });
    }

    /**
     * As {@link #run(CheckTarget, ConcurrentOptions, Validator, Progress)}, with {@code alongside} started on the
     * session's database once it exists and closed when the last round has ended, before the database goes
     * (e.g. the oracle on a read replica).
     */
    public ConcurrentResult run(CheckTarget target, ConcurrentOptions options, Validator validator, Progress progress,
                                java.util.function.Function<CheckSession, AutoCloseable> alongside) throws Exception {
        long start = System.nanoTime();
        try (CheckSession session = CheckSession.open(templates, target);
             AutoCloseable observer = alongside.apply(session)) {
            Capture capture = Capture.of(templates, session);
            List<ScriptBlock.Step> trace = Collections.synchronizedList(new ArrayList<>());
            Counters counters = new Counters();
            List<Session> sessions = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(options.sessions());
            try {
                for (int i = 0; i < options.sessions(); i++) {
                    sessions.add(new Session(i + 1, session, options, trace, counters));
                }
                int checks = 0;
                // The time limit is for the workload, counted once the database is ready (loading a
                // scenario on a busy machine can take longer than a short limit), and one round always runs.
                long ready = System.nanoTime();
                long deadline = options.timeLimit().map(l -> ready + l.toNanos()).orElse(Long.MAX_VALUE);
                for (int round = 0; round < options.rounds() && (round == 0 || System.nanoTime() < deadline); round++) {
                    String level = options.isolationLevels().get(round % options.isolationLevels().size());
                    // Sessions idle and read models fresh: this round's script starts from the data as it is now.
                    Capture atStart = capture.recapture(session);
                    int firstStep = trace.size();
                    List<Future<?>> running = new ArrayList<>();
                    for (Session s : sessions) {
                        running.add(pool.submit(() -> {
                            s.round(level, options.transactionsPerRound());
                            return null;
                        }));
                    }
                    for (Future<?> f : running) {
                        f.get(5, TimeUnit.MINUTES);
                    }
                    checks++;
                    OracleReport report = session.oracle().check(session.connection());
                    if (!report.fresh()) {
                        String failure = "read models are stale after round " + (round + 1) + " (" + level + ", "
                                + options.sessions() + " sessions)\n" + report.describe();
                        List<ScriptBlock.Step> steps;
                        synchronized (trace) {
                            steps = List.copyOf(trace.subList(firstStep, trace.size()));
                        }
                        Script script = atStart.script(List.of(), steps,
                                Reproducers.checkQuery(session.connection(), session.oracle().targets()));
                        if (validator.reproduces(script)) {
                            return counters.result(options.seed(), checks, start, Optional.of(failure), Optional.of(script));
                        }
                        counters.unreplayable.incrementAndGet();
                        counters.firstUnreplayed.compareAndSet(null, failure);
                        counters.firstUnreplayedScript.compareAndSet(null, script);
                        for (var t : session.oracle().targets()) {
                            String repair = "SELECT pg_tviews_refresh(" + Identifiers.literal(t.name()) + ")";
                            trace.add(new ScriptBlock.Step(1, repair, ""));
                            try (Statement st = session.connection().createStatement()) {
                                st.execute(repair);
                            }
                        }
                    }
                    progress.afterRound(round + 1, level, counters.result(options.seed(), checks, start, Optional.empty(),
                            Optional.empty()));
                }
                return counters.result(options.seed(), checks, start, Optional.empty(), Optional.empty());
            } finally {
                pool.shutdownNow();
                for (Session s : sessions) {
                    s.close();
                }
            }
        }
    }

    private static final class Counters {
        final AtomicLong statements = new AtomicLong();
        final AtomicLong committed = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong otherErrors = new AtomicLong();
        final AtomicLong unreplayable = new AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<String> firstUnreplayed = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicReference<Script> firstUnreplayedScript = new java.util.concurrent.atomic.AtomicReference<>();
        final Map<String, Long> conflicts = new ConcurrentHashMap<>();

        ConcurrentResult result(long seed, int checks, long start, Optional<String> failure, Optional<Script> script) {
            return new ConcurrentResult(seed, statements.get(), committed.get(), retried.get(), conflicts, otherErrors.get(),
                    checks, unreplayable.get(), Optional.ofNullable(firstUnreplayed.get()),
                    Optional.ofNullable(firstUnreplayedScript.get()),
                    Duration.ofNanos(System.nanoTime() - start), failure, script);
        }
    }

    /** One connection, its generator, and the recording of what it runs. */
    private static final class Session implements AutoCloseable {
        private final int number;
        private final Connection c;
        private final WorkloadGenerator generator;
        private final ConcurrentOptions options;
        private final List<ScriptBlock.Step> trace;
        private final Counters counters;
        private final List<String> readModels;
        private long guards;

        Session(int number, CheckSession session, ConcurrentOptions options, List<ScriptBlock.Step> trace, Counters counters)
                throws SQLException {
            this.number = number;
            this.c = session.database().connect();
            this.options = options;
            this.trace = trace;
            this.counters = counters;
            this.readModels = session.scenario().tviews().stream().map(t -> t.name()).toList();
            c.setAutoCommit(true);
            dev.tviews.checker.reproduce.ScriptReplayer.quickDeadlocks(c);
            try (Statement st = c.createStatement()) {
                // Bounded waits, so that a session can never hang the run (a timeout is retried like a deadlock).
                st.execute("SET lock_timeout = '5s'");
                st.execute("SET statement_timeout = '60s'");
            }
            this.generator = new WorkloadGenerator(new DataState(c, session.catalog()), options.seed() * 31 + number,
                    options.weights());
        }

        void round(String level, int transactions) throws SQLException {
            execute("SET default_transaction_isolation = '" + level + "'");
            for (int t = 0; t < transactions; t++) {
                transaction();
            }
        }

        /**
         * One generated transaction. On a retryable conflict it is rolled back and its statements so
         * far run again (then COMMIT), up to {@code retries} times; then it is given up.
         */
        private void transaction() throws SQLException {
            List<Step> done = new ArrayList<>();
            while (true) {
                Step step;
                try {
                    step = generator.next(); // reads the data: at SERIALIZABLE, that read may be a conflict too
                } catch (SQLException e) {
                    if (failed(e) == Outcome.CONFLICT && !done.isEmpty()) {
                        retry(done);
                    }
                    return;
                }
                done.add(step);
                Outcome o = run(step);
                if (o == Outcome.ENDED) {
                    return;
                }
                if (o == Outcome.CONFLICT) {
                    retry(done);
                    return;
                }
            }
        }

        private void retry(List<Step> done) throws SQLException {
            for (int attempt = 0; attempt < options.retries(); attempt++) {
                counters.retried.incrementAndGet();
                Outcome again = Outcome.CONTINUE;
                for (Step s : done) {
                    again = run(s);
                    if (again != Outcome.CONTINUE) {
                        break;
                    }
                }
                if (again == Outcome.CONFLICT) {
                    continue;
                }
                if (again == Outcome.CONTINUE && inTransaction()) {
                    try {
                        execute("COMMIT");
                        counters.committed.incrementAndGet();
                    } catch (SQLException e) {
                        if (failed(e) == Outcome.CONFLICT) {
                            continue;
                        }
                    }
                }
                return;
            }
            generator.transactionAborted();
        }

        private enum Outcome { CONTINUE, ENDED, CONFLICT }

        /** Runs a step; an error the step's own handling did not expect ends (or retries) the transaction. */
        private Outcome run(Step step) throws SQLException {
            try {
                return runStep(step);
            } catch (SQLException e) {
                return failed(e);
            }
        }

        private Outcome runStep(Step step) throws SQLException {
            boolean autocommit = !inTransaction();
            if (step instanceof Step.Control control) {
                try {
                    execute(control.sql());
                } catch (SQLException e) {
                    return failed(e);
                }
                if (control.kind() == StepKind.COMMIT) {
                    counters.committed.incrementAndGet();
                }
                return control.kind() == StepKind.COMMIT || control.kind() == StepKind.ROLLBACK ? Outcome.ENDED : Outcome.CONTINUE;
            }
            boolean guarded = !autocommit && (step instanceof Step.Statement s ? s.guarded() : ((Step.Copy) step).guarded());
            String guard = "c" + number + "_" + (++guards);
            if (guarded) {
                execute("SAVEPOINT " + guard);
            }
            counters.statements.incrementAndGet();
            try {
                if (step instanceof Step.Copy copy) {
                    trace.add(new ScriptBlock.Step(number, copy.sql(), copy.data()));
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), new StringReader(copy.data()));
                } else {
                    trace.add(new ScriptBlock.Step(number, step.sql(), ""));
                    try (Statement st = c.createStatement()) {
                        st.execute(step.sql());
                    }
                }
                if (guarded) {
                    execute("RELEASE SAVEPOINT " + guard);
                }
                if (step instanceof Step.Statement s) {
                    generatorState().written(s.writes(), s.insertOnly());
                } else {
                    generatorState().written(((Step.Copy) step).writes(), true);
                }
                if (autocommit) {
                    counters.committed.incrementAndGet();
                    return Outcome.ENDED;
                }
                return Outcome.CONTINUE;
            } catch (IOException e) {
                throw new SQLException("COPY could not read its own data: " + e.getMessage(), SqlState.IO_ERROR.code(), e);
            } catch (SQLException e) {
                generatorState().allDirty();
                if (!RETRYABLE.contains(e.getSQLState()) && guarded && ErrorOrigin.of(e, readModels) == ErrorOrigin.DATA) {
                    execute("ROLLBACK TO SAVEPOINT " + guard);
                    execute("RELEASE SAVEPOINT " + guard);
                    return Outcome.CONTINUE;
                }
                if (autocommit) {
                    return RETRYABLE.contains(e.getSQLState()) ? conflict(e) : Outcome.ENDED;
                }
                return failed(e);
            }
        }

        /** A failed statement inside a transaction: roll back; a conflict is retried, anything else ends it. */
        private Outcome failed(SQLException e) throws SQLException {
            if (inTransaction()) {
                execute("ROLLBACK");
            }
            generator.state().allDirty();
            if (RETRYABLE.contains(e.getSQLState())) {
                return conflict(e);
            }
            if (ErrorOrigin.of(e, readModels) != ErrorOrigin.DATA) {
                counters.otherErrors.incrementAndGet();
            }
            generator.transactionAborted();
            return Outcome.ENDED;
        }

        private Outcome conflict(SQLException e) {
            counters.conflicts.merge(e.getSQLState(), 1L, Long::sum);
            generator.transactionAborted();
            return Outcome.CONFLICT;
        }

        private DataState generatorState() {
            return generator.state();
        }

        private boolean inTransaction() throws SQLException {
            return c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    != org.postgresql.core.TransactionState.IDLE;
        }

        private void execute(String sql) throws SQLException {
            trace.add(new ScriptBlock.Step(number, sql, ""));
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException e) {
                // the database is dropped WITH (FORCE) next
            }
        }
    }
}
