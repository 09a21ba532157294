package dev.tviews.engine;

import dev.tviews.engine.analysis.Analysis;
import dev.tviews.engine.analysis.ColumnInfo;
import dev.tviews.engine.analysis.IdUniqueness;
import dev.tviews.engine.generate.RefreshFunctions;
import dev.tviews.engine.generate.SqlTemplate;
import dev.tviews.sql.SqlState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static dev.tviews.sql.Identifiers.qualified;
import static dev.tviews.sql.Identifiers.quote;

/** The DDL of a TVIEW's tv_* table: its columns, primary key, partitions, indexes and guard. */
final class TvTableDdl {

    private static final SqlTemplate GUARD_TRIGGER = SqlTemplate.statement("compile/guard_trigger.sql");

    private final Connection c;
    private final IdIndexBuilder idIndex;

    TvTableDdl(Connection c, IdIndexBuilder idIndex) {
        this.c = c;
        this.idIndex = idIndex;
    }

    /** The tv table, its primary key, partitions and indexes, and its guard; returns the index made on id. */
    Optional<TviewInfo.IdIndex> create(Analysis a, Optional<IdUniqueness> idProof, TviewOptions options) throws SQLException {
        String tv = qualified(a.schema(), a.table());
        Optional<Partitioning> partitioning = options.partitioning();
        if (partitioning.isPresent() && a.columns().stream().noneMatch(col -> col.name().equals(partitioning.get().column()))) {
            throw new TviewsException(SqlState.UNDEFINED_COLUMN, "cannot partition " + tv + " on "
                    + partitioning.get().column() + ": the definition has no such column (its columns: "
                    + a.columns().stream().map(ColumnInfo::name).toList() + "); add it to the SELECT list");
        }
        execute("CREATE TABLE " + tv + " (" + String.join(", ", a.columns().stream()
                .map(col -> quote(col.name()) + " " + col.type()).toList()) + ")"
                + partitioning.map(p -> " PARTITION BY " + p.method() + " (" + quote(p.column()) + ")").orElse(""));
        execute("ALTER TABLE " + tv + " ADD PRIMARY KEY (" + quote(a.keyColumn())
                + RefreshFunctions.primaryKeyBeyondKey(a, partitioning.map(Partitioning::column)).stream()
                .map(p -> ", " + quote(p)).collect(java.util.stream.Collectors.joining()) + ")");
        if (partitioning.isPresent()) {
            createPartitions(a, partitioning.get());
        }
        for (ColumnInfo col : a.columns()) {
            String n = col.name();
            if (a.keyColumns().contains(n) || n.equals(IdUniqueness.COLUMN)) {
                continue;
            }
            if (n.startsWith("fk_") || n.endsWith("_id")) {
                execute("CREATE INDEX ON " + tv + " (" + quote(n) + ")");
            }
        }
        Optional<TviewInfo.IdIndex> idIndexMade = applyIdIndex(a, idProof, options, oidOf(tv));
        if (options.ginIndexOnData() && a.columns().stream().anyMatch(col -> col.name().equals("data"))) {
            execute("CREATE INDEX ON " + tv + " USING gin (" + quote("data") + ")");
        }
        execute(GUARD_TRIGGER.render(Map.of("table", tv)));
        return idIndexMade;
    }

    /** Gives the tv table the index on id that the proof and the options decide, if it has an id column. */
    Optional<TviewInfo.IdIndex> applyIdIndex(Analysis a, Optional<IdUniqueness> idProof, TviewOptions options, long tvOid)
            throws SQLException {
        if (idProof.isEmpty()) {
            return Optional.empty();
        }
        IdIndexBuilder.Decision decision = IdIndexBuilder.decide(qualified(a.schema(), a.table()),
                idProof.get(), options.uniqueId(), options.partitioning());
        return Optional.of(idIndex.apply(a.schema(), a.table(), tvOid, decision));
    }

    /** HASH: every partition, named {@code <table>_p<n>}; RANGE and LIST: a DEFAULT partition the user splits. */
    private void createPartitions(Analysis a, Partitioning p) throws SQLException {
        String tv = qualified(a.schema(), a.table());
        try {
            if (p.method() == Partitioning.Method.HASH) {
                for (int i = 0; i < p.partitions(); i++) {
                    execute("CREATE TABLE " + qualified(a.schema(), a.table() + "_p" + i) + " PARTITION OF " + tv
                            + " FOR VALUES WITH (MODULUS " + p.partitions() + ", REMAINDER " + i + ")");
                }
            } else {
                execute("CREATE TABLE " + qualified(a.schema(), a.table() + "_default") + " PARTITION OF "
                        + tv + " DEFAULT");
            }
        } catch (SQLException e) {
            throw new TviewsException("creating the partitions of " + tv + " failed: " + e.getMessage(), e);
        }
    }

    /** The oid of a relation just created (the catalog caches names it looked up, this one as missing). */
    private long oidOf(String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::regclass::oid")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
