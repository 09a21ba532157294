package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.engine.ReadModelEngine;
import dev.tviews.scenarios.generate.Seeds;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.Scenario;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a scenario's weighted operations on a pool of connections, each operation one transaction:
 * statements, the strategy's {@code afterStatements}, commit, the strategy's {@code afterCommit}.
 * Serialization failures and deadlocks are retried with the same parameters; everything else
 * counts as an error of its SQLSTATE. Worker {@code i} draws operations and parameters from its own
 * seeded stream, so a run on one connection is reproducible exactly, and on several the sequence
 * of each worker is (what interleaves with it is up to the scheduler).
 */
public final class WorkloadRunner {

    private final Scenario scenario;
    private final DataSource dataSource;
    private final DataSource readSource;
    private final ReadModelEngine engine;

    public WorkloadRunner(Scenario scenario, DataSource dataSource, ReadModelEngine engine) {
        this(scenario, dataSource, dataSource, engine);
    }

    /** With the scenario's reads sent to {@code readSource} (e.g. read replicas) and its writes to {@code dataSource}. */
    public WorkloadRunner(Scenario scenario, DataSource dataSource, DataSource readSource, ReadModelEngine engine) {
        this.scenario = scenario;
        this.dataSource = dataSource;
        this.readSource = readSource;
        this.engine = engine;
    }

    public RunResult run(RunOptions options, WorkloadListener... listeners) throws SQLException, InterruptedException {
        return run(options, List.of(listeners));
    }

    public RunResult run(RunOptions options, List<WorkloadListener> extraListeners) throws SQLException, InterruptedException {
        if (!options.bounded()) {
            throw new IllegalArgumentException("Give a number of transactions or a duration, or the run never ends");
        }
        List<Operation> mix = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Operation op : options.includeReads() ? scenario.allOperations() : scenario.operations()) {
            if (!options.operations().isEmpty() && !options.operations().contains(op.name())) {
                continue;
            }
            if (engine.supports(op)) {
                mix.add(op);
            } else {
                skipped.add(op.name());
            }
        }
        List<String> unknown = options.operations().stream().filter(n -> scenario.operation(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Scenario " + scenario.name() + " has no operation " + unknown + "; it has "
                    + scenario.allOperations().stream().map(Operation::name).toList());
        }
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("Nothing to run: strategy " + engine.name() + " supports none of the chosen operations "
                    + "(an operation needs a maintain statement for hand-written)");
        }
        KeyPools pools;
        try (Connection c = dataSource.getConnection()) {
            pools = KeyPools.load(c, mix);
        }
        Counters counters = new Counters();
        List<WorkloadListener> listeners = new ArrayList<>();
        listeners.add(counters);
        listeners.addAll(extraListeners);
        listeners.forEach(l -> l.onRunStart(options));

        Run run = new Run(options, mix, new ParameterBinder(pools, scenario.tviews()), listeners, counters);
        RunResult result = run.execute(skipped);
        listeners.forEach(l -> l.onRunEnd(result));
        return result;
    }

    /** State of one run, shared by its workers. */
    private final class Run {
        private final RunOptions options;
        private final List<Operation> mix;
        private final int[] cumulativeWeights;
        private final ParameterBinder binder;
        private final List<WorkloadListener> listeners;
        private final Counters counters;
        private final AtomicLong claimed = new AtomicLong();
        private final AtomicReference<Throwable> crash = new AtomicReference<>();
        private long startNanos;
        private final boolean inPlace = dev.tviews.scenarios.generate.ProgressStyle.redrawInPlace();
        // The first plain line comes after the first second, then one every ten seconds.
        private long lastPlain = System.nanoTime() - dev.tviews.scenarios.generate.ProgressStyle.PLAIN_EVERY_NANOS;
        private long deadlineNanos;

        Run(RunOptions options, List<Operation> mix, ParameterBinder binder, List<WorkloadListener> listeners, Counters counters) {
            this.options = options;
            this.mix = mix;
            this.binder = binder;
            this.listeners = listeners;
            this.counters = counters;
            this.cumulativeWeights = new int[mix.size()];
            int sum = 0;
            for (int i = 0; i < mix.size(); i++) {
                sum = Math.addExact(sum, mix.get(i).weight());
                cumulativeWeights[i] = sum;
            }
        }

        RunResult execute(List<String> skipped) throws InterruptedException {
            startNanos = System.nanoTime();
            deadlineNanos = options.duration().isZero() ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < options.connections(); i++) {
                int index = i;
                Thread t = new Thread(() -> work(index), "workload-" + scenario.name() + "-" + i);
                t.setDaemon(true);
                workers.add(t);
            }
            Thread progress = options.progress() ? startProgress() : null;
            workers.forEach(Thread::start);
            try {
                for (Thread t : workers) {
                    t.join();
                }
            } finally {
                if (progress != null) {
                    progress.interrupt();
                    progress.join();
                }
            }
            if (crash.get() != null) {
                throw new IllegalStateException("A workload listener or strategy failed: " + crash.get(), crash.get());
            }
            return counters.result(engine.name(), Duration.ofNanos(System.nanoTime() - startNanos), skipped);
        }

        private void work(int index) {
            SplittableRandom random = Seeds.stream(options.seed(), index);
            double interval = options.closedLoop() ? 0 : 1e9 / options.arrivalRate();
            try {
                while (crash.get() == null) {
                    long k = claimed.getAndIncrement();
                    if (options.transactions() > 0 && k >= options.transactions()) {
                        return;
                    }
                    long intended = options.closedLoop() ? System.nanoTime() : startNanos + (long) (k * interval);
                    if (!options.closedLoop()) {
                        waitUntil(intended);
                    }
                    if (System.nanoTime() >= deadlineNanos) {
                        return;
                    }
                    runOne(choose(random), random, intended);
                }
            } catch (Throwable t) {
                crash.compareAndSet(null, t);
            }
        }

        private void waitUntil(long nanos) {
            long wait;
            while ((wait = Math.min(nanos, deadlineNanos) - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }

        private Operation choose(SplittableRandom random) {
            int r = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
            for (int i = 0; i < cumulativeWeights.length; i++) {
                if (r < cumulativeWeights[i]) {
                    return mix.get(i);
                }
            }
            return mix.get(mix.size() - 1);
        }

        private void runOne(Operation op, SplittableRandom random, long intended) throws SQLException {
            long actual = System.nanoTime();
            for (WorkloadListener l : listeners) {
                l.onOperationStart(op, intended, actual);
            }
            Outcome outcome;
            BoundOperation bound = null;
            try {
                bound = binder.bind(op, random);
                outcome = transaction(bound);
            } catch (NoKeyException e) {
                outcome = Outcome.failed(0, "no-key", e.getMessage());
            } finally {
                if (bound != null) {
                    bound.release();
                }
            }
            long end = System.nanoTime();
            for (WorkloadListener l : listeners) {
                l.onOperationEnd(op, intended, actual, end, outcome);
            }
        }

        private Outcome transaction(BoundOperation bound) throws SQLException {
            Operation op = bound.operation();
            try (Connection c = (op.isWrite() ? dataSource : readSource).getConnection()) {
                if (options.isolation() != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(options.isolation()); // pgjdbc sends a SET for each call
                }
                int retries = 0;
                while (true) {
                    bound.resetAttempt();
                    c.setAutoCommit(false);
                    try {
                        bound.executeStatements(c);
                        if (op.isWrite()) {
                            engine.afterStatements(c, bound);
                        }
                        for (WorkloadListener l : listeners) {
                            l.beforeCommit(c, bound);
                        }
                        c.commit();
                    } catch (SQLException e) {
                        rollbackQuietly(c);
                        if (SqlStates.isRetryable(e.getSQLState()) && retries < options.maxRetries()) {
                            retries++;
                            for (WorkloadListener l : listeners) {
                                l.onRetry(op, retries, e);
                            }
                            backOff(retries);
                            continue;
                        }
                        return Outcome.failed(retries, e.getSQLState() == null ? "unknown" : e.getSQLState(), firstLine(e));
                    } catch (IllegalStateException e) {
                        rollbackQuietly(c);
                        return Outcome.failed(retries, "scenario", e.getMessage());
                    }
                    bound.applyCommitted();
                    for (WorkloadListener l : listeners) {
                        l.onTransactionCommitted(c, bound);
                    }
                    c.setAutoCommit(true);
                    return afterCommit(c, bound, retries);
                }
            }
        }

        /** The strategy's post-commit work; a failure here does not undo the committed write, but counts. */
        private Outcome afterCommit(Connection c, BoundOperation bound, int retries) throws SQLException {
            int attempts = 0;
            while (true) {
                try {
                    if (bound.operation().isWrite()) {
                        engine.afterCommit(c, bound);
                    }
                    return Outcome.committed(retries);
                } catch (SQLException e) {
                    if (SqlStates.isRetryable(e.getSQLState()) && attempts < options.maxRetries()) {
                        attempts++;
                        retries++;
                        backOff(attempts);
                        continue;
                    }
                    return Outcome.failed(retries, e.getSQLState() == null ? "unknown" : e.getSQLState(),
                            "after commit (" + engine.name() + "): " + firstLine(e));
                }
            }
        }

        private Thread startProgress() {
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        TimeUnit.SECONDS.sleep(1);
                        printProgress(false);
                    }
                } catch (InterruptedException e) {
                    printProgress(true);
                }
            }, "workload-progress");
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void printProgress(boolean last) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            if (!inPlace) {
                // Not a terminal: a plain line every ten seconds and at the end, never a carriage return.
                if (!last && System.nanoTime() - lastPlain < dev.tviews.scenarios.generate.ProgressStyle.PLAIN_EVERY_NANOS) {
                    return;
                }
                lastPlain = System.nanoTime();
            }
            long done = counters.committed() + counters.failed();
            String limit = options.transactions() > 0 ? String.format(Locale.ROOT, "/%,d", options.transactions()) : "";
            System.err.printf(Locale.ROOT, "%s%s [%s] %,d%s tx  %.0f tx/s  %,d retries  %,d errors  %.0f s%s", inPlace ? "\r" : "",
                    scenario.name(), engine.name(), done, limit, done / Math.max(seconds, 1e-9), counters.retries(),
                    counters.failed(), seconds, last || !inPlace ? "\n" : "");
            System.err.flush();
        }
    }

    private static void backOff(int attempt) {
        // A short random pause so that the two sides of a deadlock do not collide again at once.
        long micros = java.util.concurrent.ThreadLocalRandom.current().nextLong(100, 1000L * Math.min(attempt, 10));
        LockSupport.parkNanos(micros * 1000);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool notices and replaces it.
        }
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The listener that counts outcomes; always first. */
    private static final class Counters implements WorkloadListener {
        private final AtomicLong committed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final ConcurrentHashMap<String, AtomicLong> errors = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, String> examples = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, long[]> perOperation = new ConcurrentHashMap<>();

        @Override
        public void onOperationEnd(Operation operation, long intended, long actual, long end, Outcome outcome) {
            retries.addAndGet(outcome.retries());
            long[] counts = perOperation.computeIfAbsent(operation.name(), k -> new long[3]);
            synchronized (counts) {
                counts[outcome.isCommitted() ? 0 : 1]++;
                counts[2] += outcome.retries();
            }
            if (outcome.isCommitted()) {
                committed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                errors.computeIfAbsent(outcome.errorKind(), k -> new AtomicLong()).incrementAndGet();
                examples.putIfAbsent(outcome.errorKind(), operation.name() + ": " + outcome.message());
            }
        }

        long committed() {
            return committed.get();
        }

        long failed() {
            return failed.get();
        }

        long retries() {
            return retries.get();
        }

        RunResult result(String engine, Duration elapsed, List<String> skipped) {
            var byKind = new java.util.TreeMap<String, Long>();
            errors.forEach((k, v) -> byKind.put(k, v.get()));
            var byOp = new java.util.TreeMap<String, RunResult.OperationCounts>();
            perOperation.forEach((k, v) -> {
                synchronized (v) {
                    byOp.put(k, new RunResult.OperationCounts(v[0], v[1], v[2]));
                }
            });
            return new RunResult(engine, committed.get(), failed.get(), retries.get(), byKind, examples, byOp, elapsed, skipped);
        }
    }
}
