package dev.tviews.engine;

import dev.tviews.engine.generate.SqlTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TviewOptions} as the catalog stores them ({@code tviews.tview.options}, jsonb): the one
 * place that writes and reads that document, so that both sides name its fields alike.
 */
final class OptionsCodec {

    /** The options document; {@link #bind} fills its parameters. */
    static final String JSON = SqlTemplate.statement("compile/options_document.sql").text();

    private static final SqlTemplate COLUMNS = SqlTemplate.statement("compile/options_columns.sql");

    /** The columns {@link #read} decodes, from the document {@code options}. */
    static String columns(String options) {
        return COLUMNS.render(Map.of("document", options));
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
