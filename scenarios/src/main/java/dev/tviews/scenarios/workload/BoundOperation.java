package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.Statement;
import dev.tviews.scenarios.sql.NamedSql;
import dev.tviews.scenarios.validation.JdbcTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One execution of an operation: its drawn parameters, the values its statements returned, and
 * the keys it leased, created or deleted. Engines run extra SQL with the same bindings through
 * {@link #execute(Connection, Statement)}; listeners read {@link #values()}.
 *
 * <p>Returned values: a column of a statement's result (e.g. {@code RETURNING pk_review}) becomes a
 * parameter of the statements after it and of the maintain statements: bound to the value when
 * the statement returned one row, to NULL when it returned none; using it after a statement that
 * returned several rows is an error. Keys returned by {@code INSERT … RETURNING pk_x} join the key
 * pool of their table after the commit; keys returned by {@code DELETE … RETURNING pk_x} leave it.
 */
public final class BoundOperation {

    /** A key this operation holds for its duration. */
    record Lease(KeyPool pool, long key, boolean exclusive) {
    }

    private final Operation operation;
    private final List<dev.tviews.scenarios.model.TviewDefinition> tviews;
    private final Map<String, Object> parameters;
    private final Map<String, String> types;
    private final List<Lease> leases;
    private final KeyPools pools;
    private final Map<String, Object> returned = new LinkedHashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final Map<KeyPool, List<Long>> created = new HashMap<>();
    private final Map<KeyPool, List<Long>> deleted = new HashMap<>();

    /**
     * {@code operation} with no parameters, no leased keys and no key pools: for callers that run
     * their own writes but drive read-model strategies through the shared hooks (the consistency
     * checker's generated transactions).
     */
    public static BoundOperation unbound(Operation operation, List<dev.tviews.scenarios.model.TviewDefinition> tviews) {
        return new BoundOperation(operation, tviews, Map.of(), Map.of(), new java.util.ArrayList<>(), null);
    }

    BoundOperation(Operation operation, List<dev.tviews.scenarios.model.TviewDefinition> tviews, Map<String, Object> parameters,
                   Map<String, String> types, List<Lease> leases, KeyPools pools) {
        this.operation = operation;
        this.tviews = tviews;
        this.parameters = parameters;
        this.types = types;
        this.leases = leases;
        this.pools = pools;
    }

    public Operation operation() {
        return operation;
    }

    /** The scenario's read models, in dependency order. */
    public List<dev.tviews.scenarios.model.TviewDefinition> tviews() {
        return tviews;
    }

    /** Drawn parameters and returned values by name; a NULL value maps to {@code null}. */
    public Map<String, Object> values() {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.putAll(returned);
        return Collections.unmodifiableMap(all);
    }

    public Optional<Object> value(String name) {
        return Optional.ofNullable(returned.containsKey(name) ? returned.get(name) : parameters.get(name));
    }

    /** Runs the operation's own statements in order. */
    public void executeStatements(Connection connection) throws SQLException {
        for (Statement s : operation.statements()) {
            execute(connection, s);
        }
    }

    /** Runs the operation's maintain statements in order (what the hand-written strategy does). */
    public void executeMaintain(Connection connection) throws SQLException {
        for (Statement s : operation.maintain()) {
            execute(connection, s);
        }
    }

    /** Runs one statement with this operation's bindings; returns the rows it returned or updated. */
    public long execute(Connection connection, Statement statement) throws SQLException {
        NamedSql sql = statement.sql();
        try (PreparedStatement ps = connection.prepareStatement(sql.jdbcSql())) {
            List<String> names = sql.jdbcParameters();
            for (int i = 0; i < names.size(); i++) {
                bind(connection, ps, i + 1, names.get(i));
            }
            if (!ps.execute()) {
                return ps.getUpdateCount();
            }
            try (ResultSet rs = ps.getResultSet()) {
                return collect(sql, rs);
            }
        }
    }

    private void bind(Connection connection, PreparedStatement ps, int index, String name) throws SQLException {
        if (ambiguous.contains(name)) {
            throw new IllegalStateException("operation '" + operation.name() + "' uses :" + name
                    + ", but the statement that returns it returned several rows");
        }
        boolean isReturned = returned.containsKey(name);
        if (!isReturned && !parameters.containsKey(name)) {
            throw new IllegalStateException("operation '" + operation.name() + "' uses :" + name + ", which is not bound");
        }
        Object value = isReturned ? returned.get(name) : parameters.get(name);
        if (value == null) {
            ps.setNull(index, isReturned ? Types.NULL : JdbcTypes.of(types.get(name)));
        } else if (value instanceof long[] keys) {
            Long[] boxed = new Long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                boxed[i] = keys[i];
            }
            ps.setArray(index, connection.createArrayOf("bigint", boxed));
        } else {
            ps.setObject(index, value);
        }
    }

    private long collect(NamedSql sql, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            labels.add(md.getColumnLabel(i));
        }
        boolean insert = sql.startsWithKeyword("INSERT");
        boolean delete = sql.startsWithKeyword("DELETE");
        long rows = 0;
        Object[] first = new Object[columns];
        while (rs.next()) {
            rows++;
            for (int i = 0; i < columns; i++) {
                Object v = rs.getObject(i + 1);
                if (rows == 1) {
                    first[i] = v;
                }
                if ((insert || delete) && v instanceof Number n) {
                    Optional<KeyPool> pool = pools.poolForKeyColumn(labels.get(i));
                    if (pool.isPresent()) {
                        (insert ? created : deleted).computeIfAbsent(pool.get(), k -> new ArrayList<>()).add(n.longValue());
                    }
                }
            }
        }
        for (int i = 0; i < columns; i++) {
            String label = labels.get(i);
            if (rows > 1) {
                ambiguous.add(label);
                returned.remove(label);
            } else {
                ambiguous.remove(label);
                returned.put(label, rows == 1 ? first[i] : null);
            }
        }
        return rows;
    }

    /** Forgets what an attempt returned, before a retry. */
    void resetAttempt() {
        returned.clear();
        ambiguous.clear();
        created.clear();
        deleted.clear();
    }

    /** After the commit: keys created join their pools, deleted ones leave. */
    void applyCommitted() {
        created.forEach((pool, keys) -> keys.forEach(pool::add));
        deleted.forEach((pool, keys) -> keys.forEach(pool::remove));
        for (Lease lease : leases) {
            if (lease.exclusive()) {
                lease.pool().remove(lease.key());
            }
        }
    }

    void release() {
        for (Lease lease : leases) {
            lease.pool().release(lease.key(), lease.exclusive());
        }
        leases.clear();
    }
}
