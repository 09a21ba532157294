package dev.tviews.engine.analysis;

import dev.tviews.engine.generate.SqlTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads what the analysis needs from PostgreSQL's catalog; results are cached per instance. */
public final class Catalog {

    private static final String UNIQUE_COLUMN = SqlTemplate.load("catalog/unique_column.sql").text();
    private static final String COLUMN_INDEXES = SqlTemplate.load("catalog/column_indexes.sql").text();
    private static final SqlTemplate RELATION = SqlTemplate.statement("catalog/relation.sql");
    private static final String RELATION_BY_NAME = RELATION.render(Map.of("oid", "pg_catalog.to_regclass(?)"));
    private static final String RELATION_BY_OID = RELATION.render(Map.of("oid", "?"));
    private static final String COLUMNS = SqlTemplate.statement("catalog/columns.sql").text();
    private static final String NOT_NULL_COLUMNS = SqlTemplate.statement("catalog/not_null_columns.sql").text();
    private static final String PRIMARY_KEY = SqlTemplate.statement("catalog/primary_key.sql").text();
    private static final String VIEW_DEPENDENCIES = SqlTemplate.statement("catalog/view_dependencies.sql").text();

    private final Connection connection;
    private final Map<String, Optional<Relation>> relationsByName = new HashMap<>();
    private final Map<Long, List<ColumnInfo>> columnsByOid = new HashMap<>();

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    /** The relation a name refers to under the connection's search_path, as PostgreSQL resolves it. */
    public Optional<Relation> resolve(String nameAsWritten) throws SQLException {
        Optional<Relation> cached = relationsByName.get(nameAsWritten);
        if (cached != null) {
            return cached;
        }
        Optional<Relation> found;
        // to_regclass raises on malformed names instead of returning NULL; inside a transaction the
        // error would abort it, so the lookup runs in a savepoint there.
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement(RELATION_BY_NAME)) {
            ps.setString(1, nameAsWritten);
            found = single(ps);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            found = Optional.empty();
        }
        relationsByName.put(nameAsWritten, found);
        return found;
    }

    public Relation byOid(long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(RELATION_BY_OID)) {
            ps.setLong(1, oid);
            return single(ps).orElseThrow(() -> new SQLException("relation with oid " + oid + " vanished"));
        }
    }

    private static Optional<Relation> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
    }

    /** The live columns of a relation, in order. */
    public List<ColumnInfo> columns(long oid) throws SQLException {
        List<ColumnInfo> cached = columnsByOid.get(oid);
        if (cached != null) {
            return cached;
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
        }
        columnsByOid.put(oid, columns);
        return columns;
    }

    /** The columns of a relation declared NOT NULL. */
    public Set<String> notNullColumns(long oid) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(NOT_NULL_COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The primary key columns of a table; empty when it has none. */
    public List<String> primaryKey(long oid) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(PRIMARY_KEY)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    /**
     * What PostgreSQL records that a view reads: relation oid to the column numbers it
     * references, where 0 stands for a whole-row reference (every column).
     */
    public Map<Long, Set<Integer>> viewDependencies(long viewOid) throws SQLException {
        Map<Long, Set<Integer>> deps = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(VIEW_DEPENDENCIES)) {
            ps.setLong(1, viewOid);
            ps.setLong(2, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deps.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getInt(2));
                }
            }
        }
        return deps;
    }

    /**
     * The name of a constraint or index that makes {@code column} of a relation unique by itself
     * (primary key first); empty when none does. Partial and expression indexes prove nothing.
     */
    public Optional<String> uniqueConstraintOn(long oid, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UNIQUE_COLUMN)) {
            ps.setLong(1, oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether a plain table has inheritance children, rows of which its own unique indexes do not cover. */
    public boolean hasInheritanceChildren(Relation relation) throws SQLException {
        if (!relation.kind().equals("r")) {
            // A partitioned table's unique indexes cover its partitions.
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhparent = ?)")) {
            ps.setLong(1, relation.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The indexes of a table on exactly {@code column}, the primary key excluded, in oid order. */
    public List<ColumnIndex> indexesOn(long oid, String column) throws SQLException {
        List<ColumnIndex> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMN_INDEXES)) {
            ps.setLong(1, oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new ColumnIndex(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), Optional.ofNullable(rs.getString(6))));
                }
            }
        }
        return indexes;
    }

    /**
     * The root of the partition tree a table is a partition of; empty when it is none. Rows written
     * through a parent fire only the parent's statement triggers, so a partition is not a source.
     */
    public Optional<Relation> partitionRoot(long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT pg_catalog.pg_partition_root(c.oid)::oid FROM pg_catalog.pg_class c
                WHERE c.oid = ? AND c.relispartition""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(byOid(rs.getLong(1))) : Optional.empty();
            }
        }
    }

    /** The foreign tables among the partitions of a partitioned table, at every level. */
    public List<Relation> foreignPartitions(long oid) throws SQLException {
        List<Relation> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT t.relid::oid FROM pg_catalog.pg_partition_tree(?::oid::regclass) t
                JOIN pg_catalog.pg_class c ON c.oid = t.relid WHERE c.relkind = 'f' ORDER BY 1""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(byOid(rs.getLong(1)));
                }
            }
        }
        return out;
    }

    /** The TVIEW whose tv_* table is {@code oid}, as (id, depth), if any. */
    public Optional<int[]> tviewOfTable(long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, depth FROM tviews.tview WHERE tv_table = ?::oid::regclass")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new int[] {rs.getInt(1), rs.getInt(2)}) : Optional.empty();
            }
        }
    }
}
