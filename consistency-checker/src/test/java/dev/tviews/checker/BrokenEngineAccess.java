package dev.tviews.checker;

/** Opens {@link BrokenEngine} to tests in sub-packages. */
public final class BrokenEngineAccess {

    private BrokenEngineAccess() {
    }

    public static String register(String name, String base, String breakage) {
        return BrokenEngine.register(name, base, breakage);
    }
}
