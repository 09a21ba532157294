package dev.tviews.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link TviewOptions} as the catalog stores them ({@code tviews.tview.options}, jsonb): the one
 * place that writes and reads that document, so that both sides name its fields alike.
 */
final class OptionsCodec {

    /** The options document; {@link #bind} fills its parameters. */
    static final String JSON = """
            (jsonb_build_object('key', ?::text, 'fullRefreshOnUntraceable', ?, 'ginIndexOnData', ?, 'batch', ?,
                    'partitioning', CASE WHEN ?::text IS NOT NULL THEN jsonb_build_object('method', ?::text,
                                        'column', ?::text, 'partitions', ?::int) END, 'uniqueId', ?)
             || CASE WHEN cardinality(?::text[]) > 0 THEN jsonb_build_object('extraSources', ?::text[])
                     ELSE '{}'::jsonb END)""";

    /** The columns {@link #read} decodes, from the document {@code options}. */
    static String columns(String options) {
        return """
                %1$s ->> 'key', coalesce((%1$s ->> 'fullRefreshOnUntraceable')::boolean, false),
                coalesce((%1$s ->> 'ginIndexOnData')::boolean, false), coalesce((%1$s ->> 'batch')::boolean, false),
                %1$s -> 'partitioning' ->> 'method', %1$s -> 'partitioning' ->> 'column',
                (%1$s -> 'partitioning' ->> 'partitions')::int, (%1$s ->> 'uniqueId')::boolean,
                ARRAY(SELECT jsonb_array_elements_text(coalesce(%1$s -> 'extraSources', '[]')))""".formatted(options);
    }

    /** The options read, and whether the document records uniqueId (TVIEWs compiled before it existed do not). */
    record Stored(TviewOptions options, boolean recordsUniqueId) {
    }

    private OptionsCodec() {
    }

    /** Fills the parameters of {@link #JSON} from {@code first}; returns the index after them. */
    static int bind(Connection c, PreparedStatement ps, int first, TviewOptions o) throws SQLException {
        Optional<Partitioning> p = o.partitioning();
        ps.setString(first, o.keyColumn().orElse(null));
        ps.setBoolean(first + 1, o.fullRefreshOnUntraceable());
        ps.setBoolean(first + 2, o.ginIndexOnData());
        ps.setBoolean(first + 3, o.batch());
        ps.setString(first + 4, p.map(x -> x.method().name()).orElse(null));
        ps.setString(first + 5, p.map(x -> x.method().name()).orElse(null));
        ps.setString(first + 6, p.map(Partitioning::column).orElse(null));
        ps.setInt(first + 7, p.map(Partitioning::partitions).orElse(0));
        ps.setBoolean(first + 8, o.uniqueId());
        ps.setArray(first + 9, c.createArrayOf("text", o.extraSources().toArray()));
        ps.setArray(first + 10, c.createArrayOf("text", o.extraSources().toArray()));
        return first + 11;
    }

    /** Decodes the {@link #columns} that start at column {@code first} of the current row. */
    static Stored read(ResultSet rs, int first) throws SQLException {
        String method = rs.getString(first + 4);
        Optional<Partitioning> partitioning = method == null ? Optional.empty() : Optional.of(
                new Partitioning(Partitioning.Method.valueOf(method), rs.getString(first + 5), rs.getInt(first + 6)));
        TviewOptions options = new TviewOptions(Optional.ofNullable(rs.getString(first)), rs.getBoolean(first + 1),
                rs.getBoolean(first + 2), rs.getBoolean(first + 3), partitioning, rs.getBoolean(first + 7),
                List.of((String[]) rs.getArray(first + 8).getArray()));
        return new Stored(options, rs.getObject(first + 7) != null);
    }
}
