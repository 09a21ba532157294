package dev.tviews.checker.generate;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random write workloads generated from the catalog of any schema, one step at a time:
 * transactions of one to {@link Weights#maxStatements()} statements (or a single statement under
 * autocommit), savepoints released or rolled back to, statements that must fail run inside a
 * savepoint of their own, COMMIT or ROLLBACK at the end.
 *
 * <p>Each step depends only on the seed and on the database's state, which the generator reads (in
 * key order) through {@link DataState}: the same seed on the same starting database gives the same
 * steps. The caller executes each step before asking for the next, tells the {@link DataState}
 * what the step wrote, and calls {@link #transactionAborted()} when it had to roll back.
 */
public final class WorkloadGenerator {

    private static final int ATTEMPTS = 40;
    /** Chance that a ROLLBACK TO SAVEPOINT is followed by a retry of what it undid. */
    private static final double RETRY = 0.5;

    private final CatalogModel catalog;
    private final DataState state;
    private final Weights weights;
    private final SplittableRandom random;
    private final StatementFactory statements;
    private final Map<StepKind, Double> drawable = new EnumMap<>(StepKind.class);

    private boolean inTransaction;
    private int remaining;
    private final Deque<Savepoint> savepoints = new ArrayDeque<>();
    private final Deque<Step> retry = new ArrayDeque<>();
    private int savepointCounter;
    private boolean destructive;

    public WorkloadGenerator(DataState state, long seed, Weights weights) {
        this.catalog = state.catalog();
        this.state = state;
        this.weights = weights;
        this.random = new SplittableRandom(seed);
        this.statements = new StatementFactory(catalog, state, random, new ValueFactory(random.split()), weights.partitions());
        weights.statements().forEach((k, w) -> {
            if (w > 0 && !k.isControl() && (k != StepKind.MERGE || catalog.serverMajor() >= 15)) {
                drawable.put(k, w);
            }
        });
        if (drawable.isEmpty()) {
            throw new IllegalArgumentException("no statement kind has a positive weight");
        }
    }

    /** Whether the last step left an explicit transaction open. */
    /** What the generator knows of the data (the concurrency checker tells it what each session wrote). */
    public DataState state() {
        return state;
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    /** An open savepoint and the statements run since it that still count (nested rollbacks taken out). */
    private record Savepoint(String name, List<Step> since) {
    }

    /** The next step. */
    public Step next() throws SQLException {
        if (inTransaction && !retry.isEmpty()) {
            return emitted(retry.removeFirst());
        }
        if (!inTransaction) {
            if (random.nextDouble() < weights.autocommit()) {
                return statement(false);
            }
            inTransaction = true;
            remaining = 1 + random.nextInt(weights.maxStatements());
            return new Step.Control(StepKind.BEGIN, "BEGIN");
        }
        if (remaining == 0) {
            boolean rollback = random.nextDouble() < (destructive ? 0.7 : weights.rollback());
            reset();
            return rollback ? new Step.Control(StepKind.ROLLBACK, "ROLLBACK") : new Step.Control(StepKind.COMMIT, "COMMIT");
        }
        if (!savepoints.isEmpty() && random.nextDouble() < 0.3) {
            Savepoint sp = savepoints.pop();
            if (random.nextBoolean()) {
                return new Step.Control(StepKind.RELEASE_SAVEPOINT, "RELEASE SAVEPOINT " + sp.name());
            }
            // Its statements are undone, so they no longer count in the outer savepoints either
            // (every statement since sp was added to all of them, so they end with sp's).
            for (Savepoint outer : savepoints) {
                outer.since().subList(outer.since().size() - sp.since().size(), outer.since().size()).clear();
            }
            if (!sp.since().isEmpty() && random.nextDouble() < RETRY) {
                retry.addAll(sp.since());
            }
            return new Step.Control(StepKind.ROLLBACK_TO_SAVEPOINT, "ROLLBACK TO SAVEPOINT " + sp.name());
        }
        if (savepoints.size() < 3 && random.nextDouble() < weights.savepoint()) {
            String sp = "s" + (++savepointCounter);
            savepoints.push(new Savepoint(sp, new ArrayList<>()));
            return new Step.Control(StepKind.SAVEPOINT, "SAVEPOINT " + sp);
        }
        remaining--;
        return emitted(statement(true));
    }

    /** A statement of the open transaction: it counts for every open savepoint. */
    private Step emitted(Step step) {
        savepoints.forEach(sp -> sp.since().add(step));
        return step;
    }

    /** The transaction ended early: a statement failed outside a savepoint and the caller rolled back. */
    public void transactionAborted() {
        reset();
    }

    private void reset() {
        inTransaction = false;
        remaining = 0;
        savepoints.clear();
        retry.clear();
        destructive = false;
    }

    private Step statement(boolean inTx) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StepKind kind = draw();
            Optional<Dml> dml = statements.build(kind, inTx);
            if (dml.isPresent()) {
                return toStep(dml.get(), inTx);
            }
        }
        for (StepKind fallback : new StepKind[]{StepKind.INSERT, StepKind.UPDATE, StepKind.DELETE}) {
            Optional<Dml> dml = statements.build(fallback, inTx);
            if (dml.isPresent()) {
                return toStep(dml.get(), inTx);
            }
        }
        throw new IllegalStateException("the schema offers nothing to write: no table of " + catalog.tables().stream()
                .map(TableModel::sqlName).toList() + " can take a row (check NOT NULL columns of unsupported types "
                + "without defaults, and foreign keys to empty tables)");
    }

    private Step toStep(Dml d, boolean inTx) {
        if (d.kind() == StepKind.TRUNCATE && d.writes().size() > 1) {
            destructive = true;
        }
        // Statements that must fail always get a savepoint inside a transaction: the point is to
        // roll back to it and check that nothing changed. Outside one, failing is enough.
        boolean guarded = inTx && (d.kind().mustFail() || (d.risky() && random.nextDouble() < weights.guardRisky())
                || random.nextDouble() < 0.05);
        if (d.copyData() != null) {
            return new Step.Copy(d.kind(), d.sql(), d.copyData(), guarded, d.writes());
        }
        return new Step.Statement(d.kind(), d.sql(), guarded, d.writes(), d.insertOnly());
    }

    /**
     * A statement kind by weight, leaning towards deletes while the data is larger than at the
     * start and towards inserts while it is smaller, so that long runs keep their size (and the
     * oracle its speed).
     */
    private StepKind draw() {
        double ratio = Math.max(0.05, (double) state.knownRows() / Math.max(50, state.initialRows()));
        double grow = 1 / (ratio * ratio);
        double shrink = ratio * ratio;
        Map<StepKind, Double> adjusted = new EnumMap<>(StepKind.class);
        drawable.forEach((k, w) -> adjusted.put(k, w * (GROWING.contains(k) ? grow : SHRINKING.contains(k) ? shrink : 1)));
        double total = adjusted.values().stream().mapToDouble(Double::doubleValue).sum();
        double x = random.nextDouble() * total;
        for (Map.Entry<StepKind, Double> e : adjusted.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        return StepKind.INSERT;
    }

    private static final java.util.Set<StepKind> GROWING = java.util.EnumSet.of(StepKind.INSERT, StepKind.INSERT_MANY,
            StepKind.COPY, StepKind.UPSERT);
    private static final java.util.Set<StepKind> SHRINKING = java.util.EnumSet.of(StepKind.DELETE, StepKind.DELETE_MANY,
            StepKind.TRUNCATE);
}
