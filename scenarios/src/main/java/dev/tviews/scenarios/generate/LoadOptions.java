package dev.tviews.scenarios.generate;

import java.util.OptionalLong;

/**
 * @param seed     overrides the scenario's seed when present
 * @param progress where progress goes; {@link LoadProgress#NONE} in tests
 */
public record LoadOptions(OptionalLong seed, LoadProgress progress) {

    public static LoadOptions quiet() {
        return new LoadOptions(OptionalLong.empty(), LoadProgress.NONE);
    }

    public static LoadOptions withProgress() {
        return new LoadOptions(OptionalLong.empty(), ConsoleProgress.stderr());
    }

    public LoadOptions seed(long value) {
        return new LoadOptions(OptionalLong.of(value), progress);
    }
}
