package dev.tviews.checker;

import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.variants.BrokenVariant;
import dev.tviews.checker.variants.VariantEngine;
import dev.tviews.scenarios.engine.ReadModelStrategy;
import dev.tviews.scenarios.engine.ReadModelStrategyProvider;

import java.util.List;

/**
 * The tests' own broken strategies (outside the variant catalogue), added to the registry through the test
 * class path's {@code META-INF/services}, so the tests and the command line resolve them by name like any other.
 */
public final class TestBrokenStrategies implements ReadModelStrategyProvider {

    /** tviews-statement without the update trigger on tb_category. */
    public static final String WITHOUT_CATEGORY_UPDATES = "tviews-statement-without-category-updates";
    /** tviews-row without the row trigger on tb_like. */
    public static final String ROW_WITHOUT_LIKE_TRIGGERS = "tviews-row-without-like-triggers";
    /** refresh-mv that never refreshes after a commit. */
    public static final String NEVER_REFRESHED = "refresh-mv-never-refreshed";

    @Override
    public List<ReadModelStrategy> strategies() {
        return List.of(
                dropping(WITHOUT_CATEGORY_UPDATES, "tviews-statement", "DROP TRIGGER tviews_update ON tb_category"),
                dropping(ROW_WITHOUT_LIKE_TRIGGERS, "tviews-row", "DROP TRIGGER tviews_row ON tb_like"),
                ReadModelStrategy.brokenOnPurpose(NEVER_REFRESHED,
                        () -> new BrokenEngine(NEVER_REFRESHED, "refresh-mv", "SELECT 1", true)));
    }

    /** {@code base}, with {@code breakage} run after it created the read models (a variant outside the catalogue). */
    private static ReadModelStrategy dropping(String name, String base, String breakage) {
        BrokenVariant variant = new BrokenVariant(name, "a test's breakage: " + breakage, base, c -> List.of(breakage),
                false, Weights.defaults(), "nothing");
        return ReadModelStrategy.brokenOnPurpose(name, () -> new VariantEngine(variant));
    }
}
