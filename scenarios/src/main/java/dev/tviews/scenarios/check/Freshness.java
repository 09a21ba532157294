package dev.tviews.scenarios.check;

import dev.tviews.database.freshness.FreshnessCheck;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario's read models judged by the project's one freshness oracle
 * ({@link FreshnessCheck}): fresh when its rows equal its definition's rows, as multisets, over the
 * definition's columns (a strategy may add its own). {@code jsonb_agg} without ORDER BY may
 * legitimately differ in element order, so definitions should order their aggregates. The
 * consistency checker adds per-key JSON diffs on top of the same comparison.
 */
public final class Freshness {

    /** A row in one side only: {@code MISSING} from the read model, or {@code UNEXPECTED} in it. */
    public record StaleRow(String tview, Side side, String key, String row) {
        public enum Side { MISSING, UNEXPECTED }

        @Override
        public String toString() {
            String shown = row.length() > 300 ? row.substring(0, 300) + "…" : row;
            return tview + " " + side.name().toLowerCase(java.util.Locale.ROOT) + " key " + key + ": " + shown;
        }
    }

    private Freshness() {
    }

    /** Differences of every read model; empty when all are fresh. */
    public static List<StaleRow> check(Connection connection, List<TviewDefinition> tviews) throws SQLException {
        List<StaleRow> all = new ArrayList<>();
        for (TviewDefinition tv : tviews) {
            all.addAll(check(connection, tv));
        }
        return all;
    }

    public static List<StaleRow> check(Connection connection, TviewDefinition tv) throws SQLException {
        FreshnessCheck check = FreshnessCheck.prepare(connection, tv.name(), Identifiers.quote(tv.name()),
                tv.select().parsed().positionalSql(), tv.keyColumns().subList(0, 1));
        List<StaleRow> out = new ArrayList<>();
        for (dev.tviews.database.freshness.StaleRow stale : check.run(connection)) {
            StaleRow.Side side = stale.missing() ? StaleRow.Side.MISSING : StaleRow.Side.UNEXPECTED;
            for (long i = 0; i < stale.copies(); i++) {
                out.add(new StaleRow(tv.name(), side, stale.key(), stale.row()));
            }
        }
        // By key, then missing before unexpected, as this check has always listed them.
        out.sort(Comparator.comparing(StaleRow::key, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(StaleRow::side));
        return out;
    }

    /** A short description of differences for assertion messages. */
    public static String describe(List<StaleRow> stale) {
        return stale.stream().limit(10).map(StaleRow::toString).collect(Collectors.joining("\n"))
                + (stale.size() > 10 ? "\n… and " + (stale.size() - 10) + " more" : "");
    }
}
