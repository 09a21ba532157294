package dev.tviews.checker.reproduce;

import dev.tviews.checker.generate.CatalogModel;
import dev.tviews.checker.generate.ColumnModel;
import dev.tviews.checker.generate.TableModel;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SqlText;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The blocks that rebuild a checked database on an empty one: the scenario's schema, the rows of
 * every write table as they are now (one INSERT per table, from a JSON literal, so that the file
 * is plain SQL that any client can send), the sequences' positions, the engine and the TVIEWs.
 * Captured before the workload runs.
 */
public final class SetupCapture {

    private SetupCapture() {
    }

    public static List<ScriptBlock> capture(Connection c, Scenario scenario, CatalogModel catalog, String triggerMode)
            throws SQLException {
        List<ScriptBlock> blocks = new ArrayList<>();
        for (SqlText schema : scenario.schema()) {
            blocks.add(new ScriptBlock.Sql("schema", schema.sql()));
        }
        for (TableModel table : catalog.tables()) {
            rows(c, table).ifPresent(blocks::add);
        }
        String sequences = sequences(c);
        if (!sequences.isEmpty()) {
            blocks.add(new ScriptBlock.Sql("sequences", sequences));
        }
        blocks.add(new ScriptBlock.Install(triggerMode));
        for (TviewDefinition tv : scenario.tviews()) {
            List<String> options = new ArrayList<>(tv.options().entrySet().stream()
                    .filter(e -> "true".equalsIgnoreCase(e.getValue())).map(Map.Entry::getKey).sorted().toList());
            if (batchesByDefault(c, tv.name()) && !options.contains(BATCH)) {
                options.add(BATCH);
            }
            blocks.add(new ScriptBlock.Create(tv.name(), tv.key(), options, tv.select().sql()));
        }
        return blocks;
    }

    /** The option of a Create block that turns the TVIEW's transaction batching on by default. */
    public static final String BATCH = "batch";

    /** Whether the engine created {@code tview} with batching on by default (its constant function says so). */
    private static boolean batchesByDefault(Connection c, String tview) throws SQLException {
        Integer id = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tviews.tview WHERE tv_table = to_regclass(?)")) {
            ps.setString(1, Identifiers.quote(tview));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getInt(1);
                }
            }
        }
        if (id == null) {
            return false;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tviews." + Identifiers.quote("batch_" + id) + "()")) {
            return rs.next() && "on".equals(rs.getString(1));
        }
    }

    private static java.util.Optional<ScriptBlock> rows(Connection c, TableModel table) throws SQLException {
        List<ColumnModel> columns = table.writableColumns();
        String list = columns.stream().map(col -> Identifiers.quote(col.name())).collect(Collectors.joining(", "));
        String json;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT json_agg(to_jsonb(t) ORDER BY " + orderBy(table) + ")::text FROM "
                     + table.sqlName() + " t")) {
            rs.next();
            json = rs.getString(1);
        }
        if (json == null) {
            return java.util.Optional.empty();
        }
        boolean always = columns.stream().anyMatch(ColumnModel::identityAlways);
        return java.util.Optional.of(new ScriptBlock.Sql("data", "INSERT INTO " + table.sqlName() + " (" + list + ")"
                + (always ? " OVERRIDING SYSTEM VALUE" : "") + "\nSELECT " + list + " FROM json_populate_recordset(NULL::"
                + table.sqlName() + ", " + Identifiers.literal(json) + ")"));
    }

    private static String orderBy(TableModel table) {
        List<String> key = table.rowIdentity().isEmpty() ? List.of(table.columns().get(0).name()) : table.rowIdentity();
        return key.stream().map(k -> "t." + Identifiers.quote(k)).collect(Collectors.joining(", "));
    }

    private static String sequences(Connection c) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('SELECT setval(%L, %s, true);', format('%I.%I', schemaname, sequencename), last_value)
                  FROM pg_sequences
                 WHERE last_value IS NOT NULL AND schemaname NOT IN ('tviews', 'pgivm')
                 ORDER BY schemaname, sequencename""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString().strip();
    }
}
