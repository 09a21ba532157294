package dev.tviews.benchmarks.cli;

import dev.tviews.benchmarks.results.RunRecord;
import sun.misc.Signal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM for the whole command line: the run stops within seconds, its results folder is
 * marked incomplete, the JMH forks are ended, the servers this process opened are closed (an embedded one stops
 * and its directory goes), one line says what was done and where the partial results are, and the process exits
 * with 130 or 143. Output of the interrupted work is muted meanwhile, so dying connections print no stack traces.
 * A second signal ends the process at once.
 *
 * <p>The JVM's own handling would start the shutdown hooks while the main thread runs on: the embedded server
 * stopped under the benchmarks' feet, and JMH launching the next forks against it.
 */
final class SignalStop {

    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static final Deque<AutoCloseable> CLOSE_ON_STOP = new ArrayDeque<>();
    private static final Object LOCK = new Object();
    private static PrintStream realErr = System.err;
    private static Gate out;
    private static Gate err;

    private SignalStop() {
    }

    /** From {@code main} only, before the command line is built (it takes the muteable streams). */
    static void install() {
        realErr = System.err;
        out = new Gate(System.out);
        err = new Gate(System.err);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Signal.handle(new Signal("INT"), s -> stop("SIGINT", 130));
        Signal.handle(new Signal("TERM"), s -> stop("SIGTERM", 143));
    }

    static boolean stopping() {
        return STOPPING.get();
    }

    /** Closed on a stop, last registered first. */
    static void closeOnStop(AutoCloseable resource) {
        synchronized (LOCK) {
            CLOSE_ON_STOP.push(resource);
        }
    }

    static void forget(AutoCloseable resource) {
        synchronized (LOCK) {
            CLOSE_ON_STOP.remove(resource);
        }
    }

    private static void stop(String signal, int exitCode) {
        if (!STOPPING.compareAndSet(false, true)) {
            realErr.println("second " + signal + ": exiting at once");
            Runtime.getRuntime().halt(exitCode);
        }
        Thread stopper = new Thread(() -> {
            if (out != null) {
                out.mute();
                err.mute();
            }
            endForks();
            Optional<RunRecord> record = RunRecord.current();
            String reason = "interrupted by " + signal + record.flatMap(RunRecord::activity).map(a -> " during " + a).orElse("");
            record.ifPresent(r -> r.stop(reason));
            closeAll();
            // Servers of commands that do not register (check, compile, info), and one still starting.
            dev.tviews.database.PostgresServers.closeAll(java.time.Duration.ofSeconds(20));
            // A progress line redrawn with carriage returns may be unfinished: start on a line of our own.
            if (dev.tviews.scenarios.generate.ProgressStyle.redrawInPlace()) {
                realErr.print("\r\033[K");
            }
            realErr.println(record.map(r -> reason + " after " + r.progress() + "; partial results in "
                            + r.folder().toAbsolutePath() + " (marked incomplete in summary.json; render them with: "
                            + "benchmarks.jar report " + r.folder().toAbsolutePath() + ")")
                    .orElse(reason + "; stopped, no results were written"));
            realErr.flush();
            endForks(); // one JMH may have launched meanwhile
            System.exit(exitCode);
        }, "tviews-signal-stop");
        stopper.start();
    }

    /** JMH's forked JVMs are this process's Java children; a terminal's Ctrl-C reaches them, SIGTERM does not. */
    private static void endForks() {
        ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(3, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (LOCK) {
                next = CLOSE_ON_STOP.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                realErr.println("warning: while stopping: " + e.getMessage());
            }
        }
    }

    /** Standard output or error, which a stop silences. */
    private static final class Gate extends OutputStream {
        private final PrintStream target;
        private volatile boolean muted;

        Gate(PrintStream target) {
            this.target = target;
        }

        void mute() {
            muted = true;
            target.flush();
        }

        @Override
        public void write(int b) {
            if (!muted) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!muted) {
                target.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            if (!muted) {
                target.flush();
            }
        }
    }
}
