package dev.tviews.checker.run;

import dev.tviews.checker.generate.Weights;

import java.time.Duration;
import java.util.Optional;

/**
 * How long and how a run goes.
 *
 * @param seed         the seed of the workload; the same seed on the same starting database gives the same run
 * @param transactions stop after this many transactions (0: no limit)
 * @param duration     stop after this long (absent: no limit); at least one of the two must be given
 * @param checkPoints  when to run the oracle; absent: what the strategy promises ({@link CheckPoints#forEngine})
 * @param logAtLeast   after a failure, keep running the workload (without checks) until this many
 *                     statements ran, so that the log shows the failure inside a realistic run and
 *                     the reducer has to find it there (0: stop at the failure)
 */
public record CheckOptions(long seed, long transactions, Optional<Duration> duration, Weights weights,
                           Optional<CheckPoints> checkPoints, long logAtLeast) {

    public CheckOptions(long seed, long transactions, Optional<Duration> duration, Weights weights,
                        Optional<CheckPoints> checkPoints) {
        this(seed, transactions, duration, weights, checkPoints, 0);
    }

    public CheckOptions {
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must not be negative");
        }
        if (transactions == 0 && duration.isEmpty()) {
            throw new IllegalArgumentException("give a number of transactions or a duration, or the run never ends");
        }
    }

    public static CheckOptions transactions(long seed, long transactions) {
        return new CheckOptions(seed, transactions, Optional.empty(), Weights.defaults(), Optional.empty());
    }

    public static CheckOptions duration(long seed, Duration duration) {
        return new CheckOptions(seed, 0, Optional.of(duration), Weights.defaults(), Optional.empty());
    }

    public CheckOptions withWeights(Weights w) {
        return new CheckOptions(seed, transactions, duration, w, checkPoints, logAtLeast);
    }

    public CheckOptions withCheckPoints(CheckPoints points) {
        return new CheckOptions(seed, transactions, duration, weights, Optional.of(points), logAtLeast);
    }

    public CheckOptions withTransactions(long n) {
        return new CheckOptions(seed, n, duration, weights, checkPoints, logAtLeast);
    }

    public CheckOptions withLogAtLeast(long statements) {
        return new CheckOptions(seed, transactions, duration, weights, checkPoints, statements);
    }
}
