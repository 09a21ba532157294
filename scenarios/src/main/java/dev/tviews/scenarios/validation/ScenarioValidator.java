package dev.tviews.scenarios.validation;

import dev.tviews.scenarios.generate.CopyValues;
import dev.tviews.scenarios.model.ColumnSpec;
import dev.tviews.scenarios.model.Distribution;
import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.ParameterSpec;
import dev.tviews.scenarios.model.Scale;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.SqlText;
import dev.tviews.scenarios.model.TableData;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.sql.NamedSql;
import dev.tviews.scenarios.sql.SqlScript;
import dev.tviews.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a scenario against PostgreSQL itself: the schema is created inside a transaction, then
 * every table, column and generator is checked against the catalog, every read model is created
 * empty in order, and every operation, maintain and read statement is {@code PREPARE}d with its
 * parameters typed as they will be bound. All problems are collected; if there is any, the
 * transaction is rolled back, so nothing was written.
 */
public final class ScenarioValidator {

    private static final Pattern MISSING_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");

    private final Connection connection;
    private final Scenario scenario;
    private final List<ScenarioProblem> problems = new ArrayList<>();
    private Catalog catalog;
    private int prepared;

    private ScenarioValidator(Connection connection, Scenario scenario) {
        this.connection = connection;
        this.scenario = scenario;
    }

    /** Checks {@code scenario} on {@code connection} and leaves nothing behind (the transaction is rolled back). */
    public static Catalog validate(Connection connection, Scenario scenario) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Catalog catalog = createSchemaAndValidate(connection, scenario);
            connection.rollback();
            return catalog;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * In the connection's open transaction (auto-commit off): creates the schema and checks
     * everything. On success the schema is left in place, uncommitted, for the loader; on any
     * problem the transaction is rolled back and {@link InvalidScenarioException} is thrown.
     */
    public static Catalog createSchemaAndValidate(Connection connection, Scenario scenario) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("createSchemaAndValidate needs a transaction: turn auto-commit off");
        }
        ScenarioValidator v = new ScenarioValidator(connection, scenario);
        try {
            v.run();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        if (!v.problems.isEmpty()) {
            connection.rollback();
            throw new InvalidScenarioException(v.problems);
        }
        return v.catalog;
    }

    private void run() throws SQLException {
        if (!createSchema()) {
            return;
        }
        catalog = Catalog.read(connection);
        checkTables();
        checkScales();
        Savepoint readModels = connection.setSavepoint();
        Map<String, Set<String>> tviewColumns = createTviews();
        for (Operation op : scenario.allOperations()) {
            checkOperation(op, tviewColumns);
        }
        connection.rollback(readModels);
        connection.releaseSavepoint(readModels);
    }

    // ---- schema ---------------------------------------------------------------------------------

    private boolean createSchema() throws SQLException {
        for (SqlText script : scenario.schema()) {
            for (SqlScript.Part part : SqlScript.split(script.sql())) {
                Savepoint sp = connection.setSavepoint();
                try (Statement st = connection.createStatement()) {
                    st.execute(part.sql());
                    connection.releaseSavepoint(sp);
                } catch (SQLException e) {
                    connection.rollback(sp);
                    connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
                    SqlText statement = script.slice(part.offset(), part.sql());
                    problems.add(SqlErrors.problem(e, statement, offset -> offset, "a schema statement"));
                    // Later statements usually depend on this one; their errors would only be noise.
                    return false;
                }
            }
        }
        return true;
    }

    // ---- tables and scales ------------------------------------------------------------------------

    /** Set when a table or column name was wrong: checks that would only echo that mistake are skipped. */
    private boolean misspelled;

    private void checkTables() throws SQLException {
        for (TableData t : scenario.tables()) {
            var info = catalog.table(t.table());
            if (info.isEmpty()) {
                misspelled = true;
                problems.add(new ScenarioProblem(t.location(), "table '" + t.table() + "' is not in the schema",
                        suggest(t.table(), catalog.tables().keySet()) + "tables are: " + String.join(", ", catalog.tables().keySet())));
                continue;
            }
            Set<String> given = new HashSet<>();
            boolean unknownColumn = false;
            for (ColumnSpec c : t.columns()) {
                given.add(c.column());
                unknownColumn |= !info.get().columns().containsKey(c.column());
                checkColumn(t, info.get(), c);
            }
            if (!unknownColumn) {
                checkRequiredColumns(info.get(), given, t.location());
            }
        }
    }

    private void checkColumn(TableData t, Catalog.TableInfo info, ColumnSpec c) throws SQLException {
        Catalog.ColumnInfo column = info.columns().get(c.column());
        String name = t.table() + "." + c.column();
        if (column == null) {
            problems.add(new ScenarioProblem(c.location(), "column '" + c.column() + "' does not exist in " + t.table(),
                    suggest(c.column(), info.columns().keySet()) + "its columns are: " + String.join(", ", info.columns().keySet())));
            return;
        }
        if (info.integerKey().filter(c.column()::equals).isPresent()) {
            problems.add(new ScenarioProblem(c.location(), name + " is the table's integer key, which the loader numbers 1, 2, …",
                    "remove its generator"));
            return;
        }
        if (column.generated()) {
            problems.add(new ScenarioProblem(c.location(), name + " is a generated column and cannot be loaded", "remove its generator"));
            return;
        }
        Generator g = c.generator() instanceof Generator.Nullable n ? n.inner() : c.generator();
        if (c.generator() instanceof Generator.Nullable && column.notNull()) {
            problems.add(new ScenarioProblem(c.location(), name + " is NOT NULL but its generator has a null_probability",
                    "remove null_probability"));
        }
        if (g instanceof Generator.Key k) {
            checkKeyTable(k, c.location(), "column " + name);
            if (!Set.of("smallint", "integer", "bigint").contains(column.type())) {
                problems.add(new ScenarioProblem(c.location(), name + " has type " + column.type() + ", but key: fills it with integer keys",
                        "use key: only for integer foreign-key columns"));
            }
            return;
        }
        Object sample = ValueGeneratorsSample.sample(g);
        if (sample == null) {
            return;
        }
        Savepoint sp = connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement("SELECT CAST(? AS " + column.type() + ")")) {
            ps.setString(1, CopyValues.text(sample));
            ps.executeQuery().close();
            connection.releaseSavepoint(sp);
        } catch (SQLException e) {
            connection.rollback(sp);
            connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
            problems.add(new ScenarioProblem(c.location(), name + " has type " + column.type() + " and cannot take values like '"
                    + CopyValues.text(sample) + "' from its generator: " + serverMessage(e),
                    "choose a generator that produces " + column.type() + " values"));
        }
    }

    private void checkRequiredColumns(Catalog.TableInfo info, Set<String> given, SourceLocation where) {
        for (Catalog.ColumnInfo column : info.columns().values()) {
            boolean numbered = info.integerKey().filter(column.name()::equals).isPresent();
            if (column.notNull() && !column.hasDefault() && !column.identity() && !column.generated() && !numbered
                    && !given.contains(column.name())) {
                problems.add(new ScenarioProblem(where, info.name() + "." + column.name() + " is NOT NULL, has no default and no generator",
                        "add a generator for it under columns of " + info.name()));
            }
        }
    }

    private void checkKeyTable(Generator.Key k, SourceLocation where, String what) {
        var table = catalog.table(k.table());
        if (table.isEmpty()) {
            problems.add(new ScenarioProblem(where, what + " draws keys of '" + k.table() + "', which is not a table of the schema",
                    suggest(k.table(), catalog.tables().keySet()) + "name a table with a single integer primary key"));
        } else if (table.get().integerKey().isEmpty()) {
            problems.add(new ScenarioProblem(where, what + " draws keys of " + k.table() + ", which has no single integer primary key",
                    "give " + k.table() + " a primary key such as pk_… int GENERATED ALWAYS AS IDENTITY"));
        }
    }

    private void checkScales() throws SQLException {
        Set<String> listed = scenario.tables().stream().map(TableData::table).collect(Collectors.toSet());
        Set<String> checked = new HashSet<>();
        for (Scale scale : scenario.scales().values()) {
            for (var e : scale.rows().entrySet()) {
                var info = catalog.table(e.getKey());
                if (info.isEmpty()) {
                    problems.add(new ScenarioProblem(e.getValue().location(), "scale '" + scale.name() + "' gives rows for '" + e.getKey()
                            + "', which is not a table of the schema", suggest(e.getKey(), catalog.tables().keySet())
                            + "tables are: " + String.join(", ", catalog.tables().keySet())));
                } else if (!listed.contains(e.getKey()) && e.getValue().rows() > 0 && !misspelled && checked.add(e.getKey())) {
                    checkRequiredColumns(info.get(), Set.of(), e.getValue().location());
                }
            }
            for (TableData t : scenario.tables()) {
                long rows = rowsAt(scale, t);
                for (ColumnSpec c : t.columns()) {
                    Generator g = c.generator() instanceof Generator.Nullable n ? n.inner() : c.generator();
                    if (rows > 0 && g instanceof Generator.Key k && catalog.table(k.table()).isPresent()
                            && rowsOfParent(scale, k.table()) == 0) {
                        problems.add(new ScenarioProblem(c.location(), "at scale '" + scale.name() + "', " + t.table() + " gets " + rows
                                + " rows whose " + c.column() + " must point at rows of " + k.table() + ", but it has none",
                                "give " + k.table() + " rows at scale '" + scale.name() + "'"));
                    }
                }
            }
        }
    }

    private long rowsAt(Scale scale, TableData t) {
        Scale.RowCount given = scale.rows().get(t.table());
        if (given != null) {
            return given.rows();
        }
        for (ColumnSpec c : t.columns()) {
            if (c.generator() instanceof Generator.Key k && k.distribution() instanceof Distribution.Fixed f) {
                return rowsOfParentIfListed(scale, k.table()) * f.perParent();
            }
        }
        return 0;
    }

    private long rowsOfParentIfListed(Scale scale, String table) {
        Scale.RowCount given = scale.rows().get(table);
        if (given != null) {
            return given.rows();
        }
        return scenario.table(table).map(t -> rowsAt(scale, t)).orElse(0L);
    }

    private long rowsOfParent(Scale scale, String table) throws SQLException {
        long planned = rowsOfParentIfListed(scale, table);
        if (planned > 0) {
            return planned;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- read models ---------------------------------------------------------------------------------

    private Map<String, Set<String>> createTviews() throws SQLException {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        List<String> names = scenario.tviews().stream().map(TviewDefinition::name).toList();
        for (int i = 0; i < scenario.tviews().size(); i++) {
            TviewDefinition tv = scenario.tviews().get(i);
            if (catalog.table(tv.name()).isPresent()) {
                problems.add(new ScenarioProblem(tv.location(), "tview '" + tv.name() + "' has the name of a table of the schema",
                        "rename the tview or the table"));
                continue;
            }
            NamedSql select = tv.select().parsed();
            if (!select.parameterNames().isEmpty()) {
                problems.add(new ScenarioProblem(tv.select().locate(select.offsetOf(select.parameterNames().get(0))),
                        "the select of tview '" + tv.name() + "' uses parameter :" + select.parameterNames().get(0), "a read model's definition takes no parameters"));
                continue;
            }
            String prefix = "CREATE TABLE " + Identifiers.quote(tv.name()) + " AS ";
            String body = select.positionalSql();
            Savepoint sp = connection.setSavepoint();
            try (Statement st = connection.createStatement()) {
                st.execute(prefix + body + "\nWITH NO DATA");
                connection.releaseSavepoint(sp);
            } catch (SQLException e) {
                connection.rollback(sp);
                connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
                Matcher m = MISSING_RELATION.matcher(String.valueOf(e.getMessage()));
                int later = m.find() ? names.indexOf(m.group(1)) : -1;
                if (later > i) {
                    problems.add(new ScenarioProblem(tv.location(), "tview '" + tv.name() + "' reads " + m.group(1)
                            + ", which is defined after it", "move " + m.group(1) + " above " + tv.name() + " under tviews (list them in dependency order)"));
                } else {
                    problems.add(SqlErrors.problem(e, tv.select(), offset -> select.originalOffset(offset - prefix.length()),
                            "the select of tview '" + tv.name() + "'"));
                }
                continue;
            }
            Set<String> cols = new java.util.LinkedHashSet<>(Catalog.read(connection).table(tv.name()).orElseThrow().columns().keySet());
            for (String key : tv.keyColumns()) {
                if (!cols.contains(key)) {
                    problems.add(new ScenarioProblem(tv.location(), "the key '" + key + "' of tview '" + tv.name() + "' is not a column of its select",
                            suggest(key, cols) + "its columns are: " + String.join(", ", cols)));
                }
            }
            columns.put(tv.name(), cols);
        }
        return columns;
    }

    // ---- operations -------------------------------------------------------------------------------------

    private void checkOperation(Operation op, Map<String, Set<String>> tviewColumns) throws SQLException {
        String label = (op.isWrite() ? "operation '" : "read '") + op.name() + "'";
        Map<String, String> types = new LinkedHashMap<>();
        for (ParameterSpec p : op.params().values()) {
            Generator g = p.generator() instanceof Generator.Nullable n ? n.inner() : p.generator();
            if (g instanceof Generator.Key k) {
                checkKeyTable(k, p.location(), "parameter '" + p.name() + "' of " + label);
            }
            types.put(p.name(), p.generator().sqlType());
        }
        List<dev.tviews.scenarios.model.Statement> all = new ArrayList<>(op.statements());
        all.addAll(op.maintain());
        for (int i = 0; i < all.size(); i++) {
            boolean maintain = i >= op.statements().size();
            String what = (maintain ? "a maintain statement of " : "a statement of ") + label;
            dev.tviews.scenarios.model.Statement s = all.get(i);
            NamedSql sql = s.sql();
            boolean bound = true;
            for (String name : sql.parameterNames()) {
                if (!types.containsKey(name)) {
                    bound = false;
                    problems.add(new ScenarioProblem(s.text().locate(sql.offsetOf(name)), what + " uses :" + name + ", which is never bound",
                            "declare '" + name + ":' under params of " + label + " (with a generator), or return a column named "
                                    + name + " from an earlier statement"));
                }
            }
            if (bound) {
                prepare(s, sql, types, what, !maintain);
            }
        }
    }

    /** PREPAREs with typed parameters; adds the columns the statement returns to {@code types}. */
    private void prepare(dev.tviews.scenarios.model.Statement s, NamedSql sql, Map<String, String> types, String what,
                         boolean returnsParameters) throws SQLException {
        String name = "tviews_check_" + (++prepared);
        String typeList = sql.parameterNames().isEmpty() ? ""
                : sql.parameterNames().stream().map(types::get).collect(Collectors.joining(", ", " (", ")"));
        String prefix = "PREPARE " + name + typeList + " AS ";
        Savepoint sp = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            st.execute(prefix + sql.positionalSql());
            st.execute("DEALLOCATE " + name);
            connection.releaseSavepoint(sp);
        } catch (SQLException e) {
            connection.rollback(sp);
            connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
            problems.add(SqlErrors.problem(e, s.text(), offset -> sql.originalOffset(offset - prefix.length()), what));
            return;
        }
        if (returnsParameters) {
            for (var column : resultColumns(sql, types).entrySet()) {
                if (types.containsKey(column.getKey()) && !types.get(column.getKey()).equals(column.getValue())) {
                    problems.add(new ScenarioProblem(s.location(), what + " returns a column '" + column.getKey()
                            + "', the name of a parameter", "rename it with AS"));
                }
                types.putIfAbsent(column.getKey(), column.getValue());
            }
        }
    }

    /** The columns a statement returns (RETURNING or a query) and their types, by describing it. */
    private Map<String, String> resultColumns(NamedSql sql, Map<String, String> types) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        Savepoint sp = connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement(sql.jdbcSql())) {
            List<String> params = sql.jdbcParameters();
            for (int i = 0; i < params.size(); i++) {
                ps.setNull(i + 1, JdbcTypes.of(types.get(params.get(i))), types.get(params.get(i)));
            }
            ResultSetMetaData md = ps.getMetaData();
            if (md != null) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.put(md.getColumnLabel(i), typeName(md.getColumnTypeName(i)));
                }
            }
            connection.releaseSavepoint(sp);
        } catch (SQLException e) {
            connection.rollback(sp);
            connection.releaseSavepoint(sp); // ROLLBACK TO keeps the savepoint open
        }
        return out;
    }

    /** pgjdbc names identity and serial columns' types after the pseudo-types; PREPARE needs real ones. */
    private static String typeName(String jdbcName) {
        return switch (jdbcName) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> jdbcName.startsWith("_") ? jdbcName.substring(1) + "[]" : jdbcName;
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String suggest(String wrong, Set<String> candidates) {
        return Suggestions.didYouMean(wrong, candidates, 2);
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return firstLine(e);
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** One sample value of a generator, for the type check. */
    private static final class ValueGeneratorsSample {
        static Object sample(Generator g) {
            if (g instanceof Generator.Constant c) {
                return c.value();
            }
            return dev.tviews.scenarios.generate.ValueGenerator.of(g).next(new SplittableRandom(1), 1);
        }
    }
}
