package dev.tviews.scenarios.generate;

import dev.tviews.scenarios.model.ColumnSpec;
import dev.tviews.scenarios.model.Distribution;
import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Scale;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.TableData;
import dev.tviews.scenarios.validation.Catalog;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioProblem;
import dev.tviews.scenarios.validation.ScenarioValidator;
import dev.tviews.sql.Identifiers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Creates a scenario's schema and fills it at a scale, in one transaction: validation first (so a
 * bad file writes nothing), then per table, parents first, rows streamed through {@code COPY} from
 * seeded generators, then a foreign-key check, identity sequences moved past the loaded keys,
 * commit and {@code ANALYZE}. The same seed gives the same rows.
 *
 * <p>Speed: rows are generated while PostgreSQL parses the previous batch (two cores work); the
 * tables are created in the same transaction, so {@code COPY … FREEZE} skips later hint-bit
 * writes; plain secondary indexes are dropped and rebuilt after the copy (a sorted build beats
 * random inserts); and where allowed, foreign-key triggers are skipped
 * ({@code session_replication_role = replica}) and replaced by one anti-join per constraint.
 */
public final class DataLoader {

    private static final int BATCH_CHARS = 1 << 16;
    private static final int PROGRESS_EVERY = 10_000;

    private final Connection connection;
    private final Scenario scenario;
    private final LoadProgress progress;
    private final long seed;
    private final Map<String, long[]> parentKeys = new HashMap<>();

    private DataLoader(Connection connection, Scenario scenario, LoadOptions options) {
        this.connection = connection;
        this.scenario = scenario;
        this.progress = options.progress();
        this.seed = options.seed().orElse(scenario.seed());
    }

    /** Validates and loads {@code scenario} at {@code scaleName}; on any error nothing is left in the database. */
    public static LoadReport load(Connection connection, Scenario scenario, String scaleName, LoadOptions options) throws SQLException {
        Scale scale = scenario.scale(scaleName).orElseThrow(() -> new InvalidScenarioException(List.of(new ScenarioProblem(
                SourceLocation.of(scenario.source()), "the scenario has no scale '" + scaleName + "'",
                "use one of: " + String.join(", ", scenario.scales().keySet())))));
        return new DataLoader(connection, scenario, options).run(scale);
    }

    /** Rows per table at a scale, in load order; tables with a fixed fan-out and no count get parents × per_parent. */
    public static Map<String, Long> plannedRows(Scenario scenario, Scale scale) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (var e : scale.rows().entrySet()) {
            if (scenario.table(e.getKey()).isEmpty()) {
                rows.put(e.getKey(), e.getValue().rows());
            }
        }
        for (TableData t : scenario.tables()) {
            Scale.RowCount given = scale.rows().get(t.table());
            long n = given != null ? given.rows() : 0;
            if (given == null) {
                for (ColumnSpec c : t.columns()) {
                    if (c.generator() instanceof Generator.Key k && k.distribution() instanceof Distribution.Fixed f) {
                        n = rows.getOrDefault(k.table(), 0L) * f.perParent();
                    }
                }
            }
            rows.put(t.table(), n);
        }
        return rows;
    }

    private LoadReport run(Scale scale) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long t0 = System.nanoTime();
            progress.phase("validating " + scenario.name() + " and creating its schema");
            Catalog catalog = ScenarioValidator.createSchemaAndValidate(connection, scenario);
            long t1 = System.nanoTime();
            Map<String, Long> planned = plannedRows(scenario, scale);
            Map<String, Long> written = new LinkedHashMap<>();
            try {
                execute("SET LOCAL synchronous_commit = off");
                execute("SET LOCAL maintenance_work_mem = '256MB'");
                boolean skippedForeignKeys = skipForeignKeyTriggers();
                for (var e : planned.entrySet()) {
                    if (e.getValue() > 0) {
                        Catalog.TableInfo info = catalog.table(e.getKey()).orElseThrow();
                        TableData data = scenario.table(e.getKey()).orElse(new TableData(e.getKey(), List.of(), SourceLocation.of(scenario.source())));
                        written.put(e.getKey(), loadTable(info, data, e.getValue()));
                    }
                }
                long t2 = System.nanoTime();
                progress.phase("checking foreign keys, setting sequences, committing");
                if (skippedForeignKeys) {
                    checkForeignKeys(new ArrayList<>(written.keySet()));
                }
                for (String table : written.keySet()) {
                    catalog.table(table).orElseThrow().integerKey().ifPresent(key -> resetSequence(table, key));
                }
                connection.commit();
                connection.setAutoCommit(true);
                for (String table : written.keySet()) {
                    execute("ANALYZE " + Identifiers.quote(table));
                }
                LoadReport report = new LoadReport(scenario.name(), scale.name(), seed, written, Duration.ofNanos(t1 - t0),
                        Duration.ofNanos(t2 - t1), Duration.ofNanos(System.nanoTime() - t2));
                progress.finished(report);
                return report;
            } catch (SQLException | RuntimeException e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                throw e;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Superusers may skip the per-row foreign-key triggers; others load with them. */
    private boolean skipForeignKeyTriggers() throws SQLException {
        Savepoint sp = connection.setSavepoint();
        try {
            execute("SET LOCAL session_replication_role = replica");
            connection.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            connection.rollback(sp);
            connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
            return false;
        }
    }

    private long loadTable(Catalog.TableInfo info, TableData data, long rows) throws SQLException {
        String table = info.name();
        List<String> indexes = dropSecondaryIndexes(table);
        long firstKey = info.integerKey().isPresent() ? maxKey(table, info.integerKey().get()) + 1 : 0;
        List<String> columns = new ArrayList<>();
        info.integerKey().ifPresent(columns::add);
        List<RowValue> values = new ArrayList<>();
        for (ColumnSpec c : data.columns()) {
            columns.add(c.column());
            values.add(rowValue(table, c, rows));
        }
        StringBuilder sql = new StringBuilder("COPY ").append(Identifiers.quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
        }
        sql.append(") FROM STDIN WITH (FORMAT text").append(isPlainTable(table) ? ", FREEZE" : "").append(")");

        progress.tableStarted(table, rows);
        long started = System.nanoTime();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
        try {
            StringBuilder batch = new StringBuilder(BATCH_CHARS + 4096);
            for (long row = 0; row < rows; row++) {
                boolean first = true;
                if (info.integerKey().isPresent()) {
                    batch.append(firstKey + row);
                    first = false;
                }
                for (RowValue v : values) {
                    if (!first) {
                        batch.append('\t');
                    }
                    first = false;
                    CopyText.append(batch, v.value(row));
                }
                batch.append('\n');
                if (batch.length() >= BATCH_CHARS) {
                    flush(copy, batch);
                }
                if ((row + 1) % PROGRESS_EVERY == 0) {
                    progress.rowsWritten(table, row + 1);
                }
            }
            flush(copy, batch);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (!indexes.isEmpty()) {
            progress.phase("  rebuilding " + indexes.size() + " index(es) of " + table);
            for (String definition : indexes) {
                execute(definition);
            }
        }
        progress.tableFinished(table, rows, System.nanoTime() - started);
        return rows;
    }

    private static void flush(CopyIn copy, StringBuilder batch) throws SQLException {
        if (batch.length() > 0) {
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            batch.setLength(0);
        }
    }

    /** A column's value for a row number. */
    @FunctionalInterface
    private interface RowValue {
        Object value(long row) throws SQLException;
    }

    private RowValue rowValue(String table, ColumnSpec c, long rows) throws SQLException {
        SplittableRandom random = Seeds.stream(seed, table, c.column());
        Generator g = c.generator();
        double nullProbability = 0;
        if (g instanceof Generator.Nullable n) {
            nullProbability = n.probability();
            g = n.inner();
        }
        RowValue value;
        if (g instanceof Generator.Key k) {
            long[] keys = parentKeys(k.table());
            int n = keys.length;
            Distribution d = k.distribution();
            if (d instanceof Distribution.Fixed f) {
                value = row -> keys[(int) ((row / f.perParent()) % n)];
            } else if (d instanceof Distribution.Zipf z) {
                value = row -> keys[(int) ZipfSampler.rank(random, n, z.skew()) - 1];
            } else {
                value = row -> keys[random.nextInt(n)];
            }
        } else {
            ValueGenerator generator = ValueGenerator.of(g);
            value = row -> generator.next(random, row + 1);
        }
        if (nullProbability == 0) {
            return value;
        }
        double p = nullProbability;
        SplittableRandom nulls = Seeds.stream(seed, table, c.column(), "null");
        return row -> nulls.nextDouble() < p ? null : value.value(row);
    }

    /** Every key of a parent, ascending: Zipf rank k is the k-th smallest key. */
    private long[] parentKeys(String table) throws SQLException {
        long[] cached = parentKeys.get(table);
        if (cached != null) {
            return cached;
        }
        Catalog.TableInfo info = Catalog.read(connection).table(table).orElseThrow();
        String key = Identifiers.quote(info.integerKey().orElseThrow());
        long[] keys;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table))) {
            rs.next();
            keys = new long[Math.toIntExact(rs.getLong(1))];
        }
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(100_000); // a cursor, not 5 million rows at once (auto-commit is off here)
            try (ResultSet rs = st.executeQuery("SELECT " + key + " FROM " + Identifiers.quote(table) + " ORDER BY " + key)) {
                int i = 0;
                while (rs.next() && i < keys.length) {
                    keys[i++] = rs.getLong(1);
                }
            }
        }
        if (keys.length == 0) {
            throw new IllegalStateException("Cannot draw keys of " + table + ": it has no rows");
        }
        parentKeys.put(table, keys);
        return keys;
    }

    private long maxKey(String table, String key) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(" + Identifiers.quote(key) + "), 0) FROM " + Identifiers.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean isPlainTable(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT relkind = 'r' FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, Identifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Drops indexes that back no constraint and returns their definitions, to rebuild them after the copy. */
    private List<String> dropSecondaryIndexes(String table) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i
                 WHERE i.indrelid = ?::regclass
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")) {
            ps.setString(1, Identifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String> definitions = new ArrayList<>();
        for (String[] index : found) {
            execute("DROP INDEX " + index[0]);
            definitions.add(index[1]);
        }
        return definitions;
    }

    /** One anti-join per foreign key of the loaded tables, since the per-row triggers were skipped. */
    private void checkForeignKeys(List<String> tables) throws SQLException {
        List<String[]> checks = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT k.conname, k.conrelid::regclass::text, k.confrelid::regclass::text,
                       array(SELECT quote_ident(a.attname) FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
                              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
                       array(SELECT quote_ident(a.attname) FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
                              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o)
                  FROM pg_constraint k
                 WHERE k.contype = 'f' AND k.conrelid::regclass::text = ANY (?)""")) {
            ps.setArray(1, connection.createArrayOf("text", tables.stream().map(Identifiers::quote).map(DataLoader::regclassText).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] child = (String[]) rs.getArray(4).getArray();
                    String[] parent = (String[]) rs.getArray(5).getArray();
                    StringBuilder on = new StringBuilder();
                    StringBuilder notNull = new StringBuilder();
                    for (int i = 0; i < child.length; i++) {
                        on.append(i == 0 ? "" : " AND ").append("p.").append(parent[i]).append(" = c.").append(child[i]);
                        notNull.append(i == 0 ? "" : " AND ").append("c.").append(child[i]).append(" IS NOT NULL");
                    }
                    checks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            "SELECT count(*) FROM " + rs.getString(2) + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                                    + rs.getString(3) + " p WHERE " + on + ")"});
                }
            }
        }
        for (String[] check : checks) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(check[3])) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(rs.getLong(1) + " generated rows of " + check[1] + " violate foreign key " + check[0]
                            + " (no matching row in " + check[2] + "); nothing was loaded. Fill the referencing column with"
                            + " { key: " + check[2] + " } so that it draws existing keys.");
                }
            }
        }
    }

    /** regclass::text leaves simple lower-case names unquoted; compare in that form. */
    private static String regclassText(String quoted) {
        String bare = quoted.substring(1, quoted.length() - 1);
        return bare.matches("[a-z_][a-z0-9_$]*") ? bare : quoted;
    }

    private void resetSequence(String table, String key) {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence(?, ?) AS s) q,
                       LATERAL (SELECT max(%s) AS m FROM %s) x
                 WHERE s IS NOT NULL AND m IS NOT NULL""".formatted(Identifiers.quote(key), Identifiers.quote(table)))) {
            ps.setString(1, Identifiers.quote(table));
            ps.setString(2, key);
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move the sequence of " + table + "." + key + " past the loaded keys: " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
