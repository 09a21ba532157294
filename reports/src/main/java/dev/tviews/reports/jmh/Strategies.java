package dev.tviews.reports.jmh;

import java.util.Comparator;
import java.util.List;

/** The strategies and trigger modes the benchmarks compare, in the order a reader compares them. */
public final class Strategies {
    /** The {@code @Param} that names the strategy in RefreshBenchmark, CascadeBenchmark and WriteOverheadBenchmark. */
    public static final String PARAM = "strategy";

    public static final String TVIEWS_STATEMENT = "tviews-statement";
    public static final String TVIEWS_ROW = "tviews-row";
    public static final String PG_IVM = "pg-ivm";
    public static final String HAND_WRITTEN = "hand-written";
    public static final String REFRESH_MV = "refresh-mv";
    public static final String REFRESH_MV_CONCURRENTLY = "refresh-mv-concurrently";
    public static final String NONE = "none";

    private static final List<String> KNOWN = List.of(
            TVIEWS_STATEMENT, "statement", TVIEWS_ROW, "row", PG_IVM, HAND_WRITTEN,
            REFRESH_MV_CONCURRENTLY, REFRESH_MV, NONE);

    /** Known names first in the order above, any others alphabetically after them. */
    public static final Comparator<String> ORDER = Comparator
            .comparingInt((String s) -> KNOWN.contains(s) ? KNOWN.indexOf(s) : KNOWN.size())
            .thenComparing(Comparator.naturalOrder());

    private Strategies() {
    }
}
