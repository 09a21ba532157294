package dev.tviews.benchmarks.load;

import dev.tviews.scenarios.model.Scenario;

import java.time.Duration;

/**
 * One load run: a scenario's write mix (and reads, if asked) on {@code clients} connections for
 * {@code duration} after {@code warmup}, with one strategy keeping the read models fresh.
 *
 * @param label       name of the run in the results folder ({@code load/<label>.json},
 *                    {@code histograms/<label>/}); the strategy's name for the main run
 * @param scale       the scenario's scale to load
 * @param rate        operations per second on a fixed schedule (latency corrected for coordinated
 *                    omission); 0 for a closed loop, where each client starts its next operation at once
 * @param uniformKeys draw every key parameter uniformly instead of the scenario's Zipf distributions
 *                    (the data keeps its own fan-out)
 * @param repetition  which run of a repeated strategy this is (1, 2, …), null for a run made once
 */
public record LoadSpec(String label, Scenario scenario, String scale, String strategy, int clients, Duration warmup,
                       Duration duration, double rate, boolean uniformKeys, boolean includeReads, long seed,
                       Integer repetition) {

    /** A run made once. */
    public LoadSpec(String label, Scenario scenario, String scale, String strategy, int clients, Duration warmup,
                    Duration duration, double rate, boolean uniformKeys, boolean includeReads, long seed) {
        this(label, scenario, scale, strategy, clients, warmup, duration, rate, uniformKeys, includeReads, seed, null);
    }

    /** The name of the run's files: {@code load/<fileKey>.json} and {@code histograms/<fileKey>/}. */
    public String fileKey() {
        return dev.tviews.reports.model.LoadRun.fileKey(label, repetition);
    }

    public LoadSpec {
        if (clients < 1) {
            throw new IllegalArgumentException("A load run needs at least one client, not " + clients);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("A load run needs a positive duration, not " + duration);
        }
    }

    /** The command that repeats this run (for the targets' reproduction notes). */
    public String command() {
        return "java -jar benchmarks/target/benchmarks.jar load --scenario " + scenario.name() + " --scale " + scale
                + " --strategy " + strategy + " --clients " + clients + " --duration " + duration.toSeconds()
                + (rate > 0 ? " --rate " + (long) rate : "") + (uniformKeys ? " --uniform-keys" : "")
                + (includeReads ? " --reads" : "");
    }
}
