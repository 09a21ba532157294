package dev.tviews.benchmarks.load;

import dev.tviews.reports.model.LoadRun;
import dev.tviews.reports.model.ResultsFolder;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.workload.Outcome;
import dev.tviews.scenarios.workload.WorkloadListener;
import dev.tviews.sql.SqlState;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-operation latency of a load run in HdrHistogram {@link Recorder}s, written once a second as an
 * interval to {@code histograms/<label>/<operation>.hlog} in the standard HdrHistogram log format, and
 * operations completed per second. Latency is measured from the operation's intended start: at a fixed
 * arrival rate its slot in the schedule, so time spent waiting behind a slow operation counts
 * (coordinated-omission correction); in a closed loop the intended start is the actual one.
 * Only committed operations are recorded; failures are counted.
 */
final class LatencyRecorder implements WorkloadListener, AutoCloseable {

    /** One hour in nanoseconds: anything slower is recorded as one hour. */
    private static final long HIGHEST = TimeUnit.HOURS.toNanos(1);

    private final Path folder;
    private final String label;
    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
    private final Map<String, HistogramLogWriter> writers = new TreeMap<>();
    private final Map<String, PrintStream> streams = new TreeMap<>();
    private final Map<String, AtomicLong> committed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final AtomicLong completedInInterval = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private final AtomicLong serializationFailures = new AtomicLong();
    private final List<LoadRun.ThroughputSample> throughput = new ArrayList<>();
    private final Object lock = new Object();
    private volatile long startNanos;
    private long startMillis;
    private long lastSampleNanos;
    private Thread ticker;

    LatencyRecorder(Path folder, String label) {
        this.folder = folder;
        this.label = label;
    }

    /** Starts the clock and the once-a-second interval writer. */
    void start() {
        startNanos = System.nanoTime();
        lastSampleNanos = startNanos;
        startMillis = System.currentTimeMillis();
        ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.SECONDS.sleep(1);
                    flushInterval();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-latency-" + label);
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void onRetry(Operation operation, int attempt, SQLException cause) {
        conflict(cause.getSQLState());
    }

    @Override
    public void onOperationEnd(Operation operation, long intendedStartNanos, long actualStartNanos, long endNanos,
                               Outcome outcome) {
        String name = operation.name();
        if (!outcome.isCommitted()) {
            failed.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            // The last attempt's error; the earlier ones were counted by onRetry.
            conflict(outcome.errorKind());
            return;
        }
        long latency = Math.max(0, Math.min(HIGHEST, endNanos - intendedStartNanos));
        recorders.computeIfAbsent(name, k -> new Recorder(HIGHEST, 3)).recordValue(latency);
        committed.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        completedInInterval.incrementAndGet();
        if (operation.isWrite()) {
            writes.incrementAndGet();
        }
    }

    /** Counts a deadlock (40P01) or a serialization failure (40001) a client received. */
    private void conflict(String sqlState) {
        if (SqlState.DEADLOCK_DETECTED.is(sqlState)) {
            deadlocks.incrementAndGet();
        } else if (SqlState.SERIALIZATION_FAILURE.is(sqlState)) {
            serializationFailures.incrementAndGet();
        }
    }

    /** Deadlock errors (40P01) the clients received, retried or not. */
    long deadlocks() {
        return deadlocks.get();
    }

    /** Serialization failures (40001) the clients received, retried or not. */
    long serializationFailures() {
        return serializationFailures.get();
    }

    /** Writes every operation's interval histogram and one throughput sample. */
    private void flushInterval() {
        synchronized (lock) {
            long now = System.nanoTime();
            double seconds = (now - lastSampleNanos) / 1e9;
            if (seconds <= 0) {
                return;
            }
            throughput.add(new LoadRun.ThroughputSample((now - startNanos) / 1e9, completedInInterval.getAndSet(0) / seconds));
            lastSampleNanos = now;
            for (var e : recorders.entrySet()) {
                Histogram interval = e.getValue().getIntervalHistogram();
                writer(e.getKey()).outputIntervalHistogram(interval);
            }
        }
    }

    private HistogramLogWriter writer(String operation) {
        return writers.computeIfAbsent(operation, op -> {
            try {
                PrintStream out = new PrintStream(ResultsFolder.histogramLog(folder, label, op).toFile(), "UTF-8");
                streams.put(op, out);
                HistogramLogWriter w = new HistogramLogWriter(out);
                w.outputComment("tviews load run " + label + ", operation " + op
                        + ": latency in nanoseconds from the intended start (coordinated-omission corrected)");
                w.outputLogFormatVersion();
                w.outputStartTime(startMillis);
                w.setBaseTime(startMillis);
                w.outputLegend();
                return w;
            } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
                throw new UncheckedIOException(new IOException("Could not write the latency log of " + op + ": " + e.getMessage(), e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Stops the clock, writes the last interval, closes the logs; returns the measured seconds. */
    double stop() {
        ticker.interrupt();
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushInterval();
        return (System.nanoTime() - startNanos) / 1e9;
    }

    List<LoadRun.ThroughputSample> throughput() {
        synchronized (lock) {
            return List.copyOf(throughput);
        }
    }

    long writes() {
        return writes.get();
    }

    List<LoadRun.OperationTotals> totals() {
        TreeMap<String, LoadRun.OperationTotals> out = new TreeMap<>();
        for (String op : union()) {
            out.put(op, new LoadRun.OperationTotals(op, count(committed, op), count(failed, op)));
        }
        return List.copyOf(out.values());
    }

    private List<String> union() {
        TreeMap<String, Boolean> names = new TreeMap<>();
        committed.keySet().forEach(k -> names.put(k, true));
        failed.keySet().forEach(k -> names.put(k, true));
        return List.copyOf(names.keySet());
    }

    private static long count(Map<String, AtomicLong> counts, String op) {
        AtomicLong n = counts.get(op);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            streams.values().forEach(PrintStream::close);
        }
    }
}
