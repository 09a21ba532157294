package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.ParameterSpec;
import dev.tviews.scenarios.validation.Catalog;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The key pools of the tables an operation mix draws keys from, read from the database at the start of a run. */
public final class KeyPools {

    private final Map<String, KeyPool> byTable;
    /** Key column name → table, to recognise keys returned by INSERT/DELETE … RETURNING. */
    private final Map<String, String> tableByKeyColumn;

    private KeyPools(Map<String, KeyPool> byTable, Map<String, String> tableByKeyColumn) {
        this.byTable = byTable;
        this.tableByKeyColumn = tableByKeyColumn;
    }

    public static KeyPools load(Connection connection, Collection<Operation> operations) throws SQLException {
        Catalog catalog = Catalog.read(connection);
        Map<String, KeyPool> pools = new LinkedHashMap<>();
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (Operation op : operations) {
            for (ParameterSpec p : op.params().values()) {
                Generator g = p.generator() instanceof Generator.Nullable n ? n.inner() : p.generator();
                if (g instanceof Generator.Key k && !pools.containsKey(k.table())) {
                    String key = catalog.table(k.table()).flatMap(Catalog.TableInfo::integerKey).orElseThrow(() ->
                            new IllegalArgumentException(k.table() + " has no single integer primary key to draw from"));
                    pools.put(k.table(), new KeyPool(k.table(), keys(connection, k.table(), key)));
                    byColumn.put(key, k.table());
                }
            }
        }
        return new KeyPools(pools, byColumn);
    }

    private static long[] keys(Connection connection, String table, String key) throws SQLException {
        long[] out = new long[1024];
        int n = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor instead of every key in one result
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(100_000);
            try (ResultSet rs = st.executeQuery("SELECT " + Identifiers.quote(key) + " FROM " + Identifiers.quote(table)
                    + " ORDER BY " + Identifiers.quote(key))) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public KeyPool pool(String table) {
        KeyPool pool = byTable.get(table);
        if (pool == null) {
            throw new IllegalArgumentException("No key pool for " + table);
        }
        return pool;
    }

    /** The pool whose table has key column {@code column}, if any parameter draws from it. */
    public Optional<KeyPool> poolForKeyColumn(String column) {
        return Optional.ofNullable(tableByKeyColumn.get(column)).map(byTable::get);
    }

    public Collection<KeyPool> all() {
        return byTable.values();
    }
}
