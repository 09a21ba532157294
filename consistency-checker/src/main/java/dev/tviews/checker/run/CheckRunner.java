package dev.tviews.checker.run;

import dev.tviews.checker.generate.CatalogModel;
import dev.tviews.checker.generate.DataState;
import dev.tviews.checker.generate.Step;
import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.WorkloadGenerator;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.workload.BoundOperation;
import dev.tviews.sql.SqlState;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes a generated workload on one connection and runs the oracle where the strategy promises
 * fresh read models; keeps the statement log; stops at the first failure.
 *
 * <p>Every step runs as plain SQL on a connection in autocommit mode (explicit BEGIN, SAVEPOINT,
 * COMMIT …), so the log holds exactly what the database saw. A statement that may be refused runs
 * inside a savepoint of its own; when PostgreSQL refuses it, the runner rolls back to the
 * savepoint (or the whole transaction, if there was none) and checks again: a refused statement
 * must leave everything as it was. An error raised inside engine code is a failure even though the
 * statement was rolled back: the engine refused a valid write.
 */
public final class CheckRunner {

    private final Connection c;
    private final ReadModelEngine engine;
    private final BoundOperation transaction;
    private final Oracle oracle;
    private final CatalogModel catalog;
    private final List<String> readModels;

    // per run
    private StatementLog log;
    private CheckPoints points;
    private DataState state;
    private WorkloadGenerator generator;
    private final Map<StepKind, Long> coverage = new EnumMap<>(StepKind.class);
    private long transactions;
    private long committed;
    private long rolledBack;
    private long aborted;
    private long statements;
    private long refused;
    private long expectedFailures;
    private long unexpectedSuccesses;
    private long checks;
    private long oracleNanos;
    private long guardCounter;
    private int statementInTransaction;
    private String lastStatement;
    private boolean inTransaction;
    private CheckFailure failure;
    private boolean continuing;

    /**
     * @param connection  a connection to the database under test, with the read models created
     * @param engine      the strategy that maintains them (its after-commit hook is called)
     * @param transaction what the strategy's hooks are given for each generated transaction
     * @param oracle      the oracle for the read models
     * @param catalog     the write tables
     * @param readModels  names of the read-model relations (errors on them are the engine's)
     */
    public CheckRunner(Connection connection, ReadModelEngine engine, BoundOperation transaction, Oracle oracle,
                       CatalogModel catalog, List<String> readModels) {
        this.c = connection;
        this.engine = engine;
        this.transaction = transaction;
        this.oracle = oracle;
        this.catalog = catalog;
        this.readModels = List.copyOf(readModels);
    }

    /**
     * Runs the workload of {@code options.seed()} until its limits or the first failure.
     *
     * @param replay the command that replays this run, without {@code --transactions}
     */
    public CheckResult run(CheckOptions options, StatementLog log, String replay, ProgressListener listener)
            throws SQLException {
        this.log = log;
        // A broken variant promises what the strategy it breaks promises.
        String promising = engine instanceof dev.tviews.checker.variants.VariantEngine v ? v.variant().baseEngine() : engine.name();
        this.points = options.checkPoints().orElse(CheckPoints.forEngine(promising));
        long start = System.nanoTime();
        long deadline = options.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        c.setAutoCommit(true);
        execute("SET statement_timeout = '120s'");
        state = new DataState(c, catalog);
        generator = new WorkloadGenerator(state, options.seed(), options.weights());
        check("after the read models were created", false);
        while (failure == null && (options.transactions() == 0 || transactions < options.transactions())
                && System.nanoTime() < deadline) {
            transactions++;
            log.comment("transaction " + transactions);
            runTransaction();
            listener.progress(new ProgressListener.Progress(transactions, statements, checks, failure == null ? 0 : 1,
                    System.nanoTime() - start));
        }
        CheckResult.Detection detection = new CheckResult.Detection(transactions, statements,
                Duration.ofNanos(System.nanoTime() - start));
        if (failure != null && statements < options.logAtLeast()) {
            continueAfterFailure(options.logAtLeast());
        }
        if (inTransaction) {
            execute("ROLLBACK"); // a failure inside a transaction: leave the connection clean
            inTransaction = false;
        }
        log.flush();
        String replayCommand = replay + " --transactions " + Math.max(1, detection.transactions());
        return new CheckResult(options.seed(), engine.name(), points, transactions, committed, rolledBack, aborted,
                statements, refused, expectedFailures, unexpectedSuccesses, checks, Duration.ofNanos(oracleNanos),
                Duration.ofNanos(System.nanoTime() - start), coverage, state.initialRows(), state.knownRows(),
                Optional.ofNullable(failure), replayCommand, log, detection);
    }

    /**
     * Goes on with the workload after the failure, unchecked, until {@code statements} ran: the log
     * then holds the failure inside a longer run, as a long-running check would leave it.
     */
    private void continueAfterFailure(long atLeast) throws SQLException {
        if (inTransaction || state(c) != org.postgresql.core.TransactionState.IDLE) {
            execute("ROLLBACK");
            inTransaction = false;
            generator.transactionAborted();
        }
        log.comment("after the failure: the workload goes on unchecked until " + atLeast + " statements ran");
        continuing = true;
        while (statements < atLeast) {
            transactions++;
            log.comment("transaction " + transactions);
            runTransaction();
            if (state(c) == org.postgresql.core.TransactionState.FAILED) {
                execute("ROLLBACK");
                inTransaction = false;
                generator.transactionAborted();
            }
        }
    }

    private static org.postgresql.core.TransactionState state(Connection c) throws SQLException {
        return c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState();
    }

    private void runTransaction() throws SQLException {
        statementInTransaction = 0;
        while (failure == null || continuing) {
            Step step = generator.next();
            coverage.merge(step.kind(), 1L, Long::sum);
            if (step instanceof Step.Control control) {
                if (control(control)) {
                    return;
                }
            } else if (write(step)) {
                return;
            }
        }
    }

    /** Runs a transaction command; true when the transaction ended. */
    private boolean control(Step.Control step) throws SQLException {
        if (step.kind() == StepKind.COMMIT) {
            return commit(step);
        }
        execute(step.sql());
        switch (step.kind()) {
            case BEGIN -> inTransaction = true;
            case ROLLBACK -> {
                inTransaction = false;
                rolledBack++;
                state.allDirty();
                check("after ROLLBACK of transaction " + transactions, false);
                return true;
            }
            case ROLLBACK_TO_SAVEPOINT -> {
                state.allDirty();
                check("after " + step.sql() + " in transaction " + transactions, true);
            }
            default -> {
                // SAVEPOINT and RELEASE SAVEPOINT change no data.
            }
        }
        return false;
    }

    /**
     * COMMIT, which may itself be refused (deferred constraints, or an engine's deferred work):
     * PostgreSQL then rolls the transaction back, and the read models must be as before it.
     */
    private boolean commit(Step.Control step) throws SQLException {
        inTransaction = false;
        try {
            execute(step.sql());
        } catch (SQLException e) {
            ErrorOrigin origin = ErrorOrigin.of(e, readModels);
            log.comment("error " + ErrorOrigin.describe(e).replace('\n', ' '));
            if (origin != ErrorOrigin.DATA) {
                fail(origin == ErrorOrigin.ENGINE ? CheckFailure.Kind.ENGINE_ERROR : CheckFailure.Kind.UNEXPECTED_ERROR,
                        "at COMMIT of transaction " + transactions, Optional.empty(), ErrorOrigin.describe(e));
                return true;
            }
            refused++;
            aborted++;
            state.allDirty();
            check("after the refused COMMIT of transaction " + transactions, false);
            return true;
        }
        committed++;
        afterCommit();
        check("after COMMIT of transaction " + transactions, false);
        return true;
    }

    /** Runs a write; true when the transaction ended (autocommit, or rolled back after a refusal). */
    private boolean write(Step step) throws SQLException {
        boolean autocommit = !inTransaction;
        boolean guarded = inTransaction && (step instanceof Step.Statement s ? s.guarded() : ((Step.Copy) step).guarded());
        String guard = "g" + (++guardCounter);
        if (guarded) {
            execute("SAVEPOINT " + guard);
        }
        statements++;
        statementInTransaction++;
        lastStatement = step.sql();
        SQLException error = null;
        long rows = 0;
        try {
            rows = step instanceof Step.Copy copy ? copy(copy) : update(step.sql());
        } catch (SQLException e) {
            error = e;
        }
        if (step instanceof Step.Statement s) {
            state.written(s.writes(), s.insertOnly());
        } else {
            state.written(((Step.Copy) step).writes(), true);
        }
        String where = (autocommit ? "after autocommit statement" : "after statement " + statementInTransaction)
                + " of transaction " + transactions;
        if (error == null) {
            log.comment("ok: " + rows + " row" + (rows == 1 ? "" : "s") + (step.kind().mustFail() ? " (meant to fail)" : ""));
            if (step.kind().mustFail()) {
                unexpectedSuccesses++;
            }
            if (guarded) {
                execute("RELEASE SAVEPOINT " + guard);
            }
            if (autocommit) {
                committed++;
                afterCommit();
                check(where, false);
                return true;
            }
            check(where, true);
            return false;
        }
        ErrorOrigin origin = ErrorOrigin.of(error, readModels);
        log.comment("error " + ErrorOrigin.describe(error).replace('\n', ' '));
        if (origin != ErrorOrigin.DATA) {
            fail(origin == ErrorOrigin.ENGINE ? CheckFailure.Kind.ENGINE_ERROR : CheckFailure.Kind.UNEXPECTED_ERROR,
                    where, Optional.empty(), ErrorOrigin.describe(error));
            return true;
        }
        refused++;
        if (step.kind().mustFail()) {
            expectedFailures++;
        }
        state.allDirty();
        if (guarded) {
            execute("ROLLBACK TO SAVEPOINT " + guard);
            execute("RELEASE SAVEPOINT " + guard);
            check("after ROLLBACK TO SAVEPOINT " + guard + " (statement " + statementInTransaction + " of transaction "
                    + transactions + " was refused)", true);
            return false;
        }
        if (autocommit) {
            aborted++;
            check(where + " (refused)", false);
            return true;
        }
        execute("ROLLBACK");
        inTransaction = false;
        generator.transactionAborted();
        aborted++;
        check("after ROLLBACK of transaction " + transactions + " (statement " + statementInTransaction + " was refused)",
                false);
        return true;
    }

    private void afterCommit() {
        try {
            engine.afterCommit(c, transaction);
        } catch (SQLException | RuntimeException e) {
            fail(CheckFailure.Kind.AFTER_COMMIT_ERROR, "after COMMIT of transaction " + transactions, Optional.empty(),
                    e instanceof SQLException s ? ErrorOrigin.describe(s) : e.toString());
        }
    }

    /** Runs the oracle unless the strategy promises nothing at this point ({@code withinTransaction} and AFTER_COMMIT). */
    private void check(String where, boolean withinTransaction) {
        if (failure != null || (withinTransaction && points == CheckPoints.AFTER_COMMIT)) {
            return;
        }
        checks++;
        long t0 = System.nanoTime();
        try {
            OracleReport report = oracle.check(c);
            oracleNanos += System.nanoTime() - t0;
            log.comment("check " + where + ": " + (report.fresh() ? "fresh" : "STALE"));
            if (!report.fresh()) {
                log.comment(report.describe());
                fail(CheckFailure.Kind.STALE, where, Optional.of(report), null);
            }
        } catch (SQLException e) {
            oracleNanos += System.nanoTime() - t0;
            fail(CheckFailure.Kind.ORACLE_ERROR, where, Optional.empty(), ErrorOrigin.describe(e));
        }
    }

    private void fail(CheckFailure.Kind kind, String where, Optional<OracleReport> report, String error) {
        if (failure == null) {
            failure = new CheckFailure(kind, transactions, where, Optional.ofNullable(lastStatement), report,
                    Optional.ofNullable(error));
            log.comment("FAILURE: " + failure.describe());
        }
    }

    /**
     * Logs the positions of the schema's sequences before a write, so that a reproducer can pin the
     * keys the write draws (removing earlier statements must not shift them).
     */
    private void logSequences() throws SQLException {
        if (!catalog.tables().stream().anyMatch(t -> t.columns().stream().anyMatch(col -> col.numberedByDatabase()))) {
            return;
        }
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(SEQUENCES)) {
            rs.next();
            log.comment(dev.tviews.checker.reproduce.Reproducers.SEQUENCES + rs.getString(1));
        }
    }

    private static final String SEQUENCES = "SELECT coalesce(string_agg(format('%s.%s=%s', quote_ident(schemaname), "
            + "quote_ident(sequencename), coalesce(last_value::text, '')), ' ' ORDER BY schemaname, sequencename), '') "
            + "FROM pg_sequences WHERE schemaname NOT IN ('tviews', 'pgivm', 'pg_catalog', 'information_schema')";

    private long update(String sql) throws SQLException {
        logSequences();
        log.sql(sql);
        try (Statement st = c.createStatement()) {
            boolean result = st.execute(sql);
            return result ? 0 : Math.max(0, st.getLargeUpdateCount());
        }
    }

    private long copy(Step.Copy step) throws SQLException {
        logSequences();
        log.copy(step.sql(), step.data());
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(step.sql(), new StringReader(step.data()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY could not read its own data: " + e.getMessage(), SqlState.IO_ERROR.code(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        log.sql(sql);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
