package dev.tviews.engine;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.ColumnInfo;
import dev.tviews.engine.analysis.MappingKind;
import dev.tviews.engine.analysis.SourcePlan;
import dev.tviews.engine.generate.SqlTemplate;
import dev.tviews.engine.generate.TriggerFragments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's catalog rows of a TVIEW ({@code tviews.tview}, {@code tviews.source},
 * {@code tviews.compiled_source}): written when it is compiled, read back when it is recompiled
 * and by {@link Tviews#info}.
 */
final class CatalogRecords {

    /** The row of {@code tviews.tview} a compile writes. */
    record TviewRecord(int id, String tvTable, String backingView, String keyColumn, String keyType, String definition,
                       TviewOptions options, Compiled compiled) {
    }

    /** What the analysis decided, as {@code tviews.tview} records it (refresh policy, depth, {@code analysis}). */
    record Compiled(boolean fullRefresh, int depth, List<String> mappings, boolean unorderedAggregates,
                    Optional<TviewInfo.IdIndex> idIndex) {

        static Compiled of(Analysis a, Optional<TviewInfo.IdIndex> idIndex) {
            List<String> notes = new ArrayList<>();
            for (SourcePlan s : a.sources()) {
                s.mappings().forEach(m -> notes.add(m.describe()));
                s.partitions().forEach(p -> notes.add(p.describe()));
            }
            return new Compiled(a.sources().stream().anyMatch(SourcePlan::fullRefresh), a.depth(), List.copyOf(notes),
                    a.unorderedAggregates(), idIndex);
        }

        String refreshPolicy() {
            return fullRefresh ? "full" : "incremental";
        }
    }

    /** A recorded TVIEW as a recompile reads it back. */
    record Stored(int id, long backingView, String schema, String table, String select, OptionsCodec.Stored options) {
    }

    /** The {@code analysis} document; {@link #bindAnalysis} fills its parameters. */
    private static final String ANALYSIS_JSON = SqlTemplate.statement("compile/analysis_document.sql").text();
    private static final String INSERT = SqlTemplate.statement("compile/tview_insert.sql")
            .render(Map.of("options", OptionsCodec.JSON, "analysis", ANALYSIS_JSON));
    private static final String READ = SqlTemplate.statement("compile/tview_read.sql")
            .render(Map.of("options", OptionsCodec.columns("r.options")));
    private static final String UPDATE_COMPILED = SqlTemplate.statement("compile/tview_update_compiled.sql")
            .render(Map.of("analysis", ANALYSIS_JSON));
    private static final String SOURCES = SqlTemplate.statement("compile/tview_sources.sql").text();
    private static final String INSERT_SOURCE = SqlTemplate.statement("compile/source_insert.sql").text();
    private static final String INFO = SqlTemplate.statement("compile/tview_info.sql").text();

    private final Connection c;

    CatalogRecords(Connection c) {
        this.c = c;
    }

    int nextId() throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('tviews.tview', 'id'))")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void insert(TviewRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, r.id());
            ps.setString(2, r.tvTable());
            ps.setString(3, r.backingView());
            ps.setString(4, r.keyColumn());
            ps.setString(5, r.keyType());
            ps.setString(6, r.definition());
            int next = OptionsCodec.bind(c, ps, 7, r.options());
            ps.setString(next, r.compiled().refreshPolicy());
            ps.setInt(next + 1, r.compiled().depth());
            bindAnalysis(ps, next + 2, r.compiled());
            ps.execute();
        }
    }

    /** The TVIEW {@code name} as recorded; its definition as PostgreSQL prints its backing view now. */
    Stored read(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Stored(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).strip().replaceAll(";$", ""), OptionsCodec.read(rs, 6));
            }
        }
    }

    /** A recompile's new analysis of TVIEW {@code id}, and its uniqueId option (which a recompile may add). */
    void updateCompiled(int id, Compiled compiled, boolean uniqueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_COMPILED)) {
            ps.setInt(1, compiled.depth());
            ps.setString(2, compiled.refreshPolicy());
            int next = bindAnalysis(ps, 3, compiled);
            ps.setBoolean(next, uniqueId);
            ps.setInt(next + 1, id);
            ps.execute();
        }
    }

    /** The relations TVIEW {@code id} reads, as {@code schema.table}. */
    List<String> sources(int id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SOURCES)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Forgets the sources of TVIEW {@code id}, which a recompile records again. */
    void forgetSources(int id) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM tviews.source WHERE tview_id = " + id);
            st.execute("DELETE FROM tviews.compiled_source WHERE tview_id = " + id);
        }
    }

    /** One source of TVIEW {@code id}: its trigger fragments, and what the runtime's checks need to know of it. */
    void recordSource(int id, Analysis a, SourcePlan s, TriggerFragments.Fragments f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SOURCE)) {
            ps.setInt(1, id);
            ps.setString(2, s.relation().qualified());
            ps.setArray(3, c.createArrayOf("text", s.kinds().toArray()));
            ps.setArray(4, s.readColumns().isEmpty() ? null
                    : c.createArrayOf("text", s.readColumns().get().stream().map(ColumnInfo::name).toArray()));
            ps.setString(5, f.stmtInsert());
            ps.setString(6, f.stmtUpdate());
            ps.setString(7, f.stmtDelete());
            ps.setString(8, f.rowInsert());
            ps.setString(9, f.rowUpdate());
            ps.setString(10, f.rowDelete());
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tviews.record_compiled(?, ?::regclass, ?::name[], ?::name[])")) {
            ps.setInt(1, id);
            ps.setString(2, s.relation().qualified());
            ps.setArray(3, c.createArrayOf("text", TriggerFragments.linkColumnsInto(a, s.relation()).toArray()));
            // Columns whose values are keys: the health check samples keys from them.
            ps.setArray(4, c.createArrayOf("text", s.mappings().stream()
                    .filter(m -> m.kind() == MappingKind.LOCAL && m.path().isEmpty() && m.keyExpression() == null)
                    .map(m -> m.keySource().column()).distinct().toArray()));
            ps.execute();
        }
    }

    /** One TVIEW's catalog entry; SQLSTATE 42704 when there is none. */
    TviewInfo info(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INFO)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                List<TviewInfo.Source> sources = new ArrayList<>();
                String table = null;
                String key = null;
                int depth = 0;
                Optional<TviewInfo.IdIndex> id = Optional.empty();
                while (rs.next()) {
                    table = rs.getString(1);
                    key = rs.getString(2);
                    depth = rs.getInt(3);
                    if (rs.getString(4) != null) {
                        sources.add(new TviewInfo.Source(rs.getString(4),
                                Arrays.asList((String[]) rs.getArray(5).getArray())));
                    }
                    if (rs.getString(6) != null) {
                        id = Optional.of(new TviewInfo.IdIndex(rs.getString(6), rs.getBoolean(7), rs.getString(8)));
                    }
                }
                return new TviewInfo(table, key, depth, List.copyOf(sources), id);
            }
        }
    }

    private int bindAnalysis(PreparedStatement ps, int first, Compiled compiled) throws SQLException {
        ps.setArray(first, c.createArrayOf("text", compiled.mappings().toArray()));
        ps.setBoolean(first + 1, compiled.unorderedAggregates());
        String name = compiled.idIndex().map(TviewInfo.IdIndex::name).orElse(null);
        ps.setString(first + 2, name);
        ps.setString(first + 3, name);
        ps.setBoolean(first + 4, compiled.idIndex().map(TviewInfo.IdIndex::unique).orElse(false));
        ps.setString(first + 5, compiled.idIndex().map(TviewInfo.IdIndex::reason).orElse(null));
        return first + 6;
    }
}
