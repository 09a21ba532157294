package dev.tviews.scenarios.check;

import dev.tviews.database.Identifiers;
import dev.tviews.scenarios.model.TviewDefinition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The small freshness oracle: a read model is fresh when its rows equal its definition's rows, as
 * multisets. Compared as {@code to_jsonb(row)} with a symmetric {@code EXCEPT ALL}, restricted to
 * the definition's columns (a strategy may add its own). {@code jsonb_agg} without ORDER BY may
 * legitimately differ in element order, so definitions should order their aggregates.
 * The consistency checker module builds the full oracle (per-key JSON diffs) on top of this.
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
        String definition = tv.select().parsed().positionalSql();
        List<String> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM (" + definition + "\n) d LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(Identifiers.quote(rs.getMetaData().getColumnLabel(i)));
            }
        }
        String projection = String.join(", ", columns);
        String key = Identifiers.literal(tv.keyColumns().get(0));
        String sql = """
                WITH expected AS (SELECT to_jsonb(d) AS r FROM (SELECT %1$s FROM (%2$s
                     ) q) d),
                     actual AS (SELECT to_jsonb(t) AS r FROM (SELECT %1$s FROM %3$s) t),
                     missing AS (SELECT r FROM expected EXCEPT ALL SELECT r FROM actual),
                     unexpected AS (SELECT r FROM actual EXCEPT ALL SELECT r FROM expected)
                SELECT 'MISSING', r ->> %4$s, r::text FROM missing
                UNION ALL
                SELECT 'UNEXPECTED', r ->> %4$s, r::text FROM unexpected
                ORDER BY 2, 1""".formatted(projection, definition, Identifiers.quote(tv.name()), key);
        List<StaleRow> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new StaleRow(tv.name(), StaleRow.Side.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** A short description of differences for assertion messages. */
    public static String describe(List<StaleRow> stale) {
        return stale.stream().limit(10).map(StaleRow::toString).collect(Collectors.joining("\n"))
                + (stale.size() > 10 ? "\n… and " + (stale.size() - 10) + " more" : "");
    }
}
