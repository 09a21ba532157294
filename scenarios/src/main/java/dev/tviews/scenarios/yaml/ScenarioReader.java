package dev.tviews.scenarios.yaml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tviews.scenarios.model.ColumnSpec;
import dev.tviews.scenarios.model.Distribution;
import dev.tviews.scenarios.model.Generator;
import dev.tviews.scenarios.model.Operation;
import dev.tviews.scenarios.model.ParameterSpec;
import dev.tviews.scenarios.model.Scale;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.model.SourceLocation;
import dev.tviews.scenarios.model.SqlText;
import dev.tviews.scenarios.model.Statement;
import dev.tviews.scenarios.model.TableData;
import dev.tviews.scenarios.model.TviewDefinition;
import dev.tviews.scenarios.sql.SqlScript;
import dev.tviews.scenarios.validation.InvalidScenarioException;
import dev.tviews.scenarios.validation.ScenarioProblem;
import dev.tviews.scenarios.yaml.ScenarioFile.GeneratorSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario file into a {@link Scenario}: YAML parsed by Jackson with every value's location
 * ({@link YamlReader}), its structure checked at run time by the shipped JSON Schema ({@link ScenarioSchema}),
 * bound to records by Jackson ({@link ScenarioFile}), then turned into the model with the checks the schema
 * cannot state: those that span fields (a generator's options for its kind, min below max, parameters
 * declared but never used, the order of tables, duplicate names, fixed fan-outs against the scales) and the
 * SQL files it names. Problems are collected, so a user sees them all at once. Checks against the live
 * catalog come later, in {@link dev.tviews.scenarios.validation.ScenarioValidator}.
 */
public final class ScenarioReader {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ScenarioSource source;
    private final LocatedYaml yaml;
    private final List<ScenarioProblem> problems = new ArrayList<>();

    private ScenarioReader(ScenarioSource source, LocatedYaml yaml) {
        this.source = source;
        this.yaml = yaml;
    }

    public static Scenario read(Path file) {
        return read(ScenarioSource.of(file));
    }

    /** Parses and checks {@code source}; throws {@link InvalidScenarioException} listing every problem. */
    public static Scenario read(ScenarioSource source) {
        String text;
        try {
            text = source.read();
        } catch (NoSuchFileException e) {
            throw new InvalidScenarioException(List.of(new ScenarioProblem(SourceLocation.of(source.name()),
                    "the scenario file does not exist", "check the path")));
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new ScenarioProblem(SourceLocation.of(source.name()),
                    "the scenario file cannot be read: " + e.getMessage(), "check its permissions")));
        }
        LocatedYaml yaml = YamlReader.read(source.name(), text);
        List<ScenarioProblem> structure = ScenarioSchema.check(yaml);
        if (!structure.isEmpty()) {
            throw new InvalidScenarioException(structure);
        }
        ScenarioFile file;
        try {
            file = MAPPER.treeToValue(yaml.root(), ScenarioFile.class);
        } catch (IOException e) {
            // The schema admits nothing the records cannot take: this is a bug of the two disagreeing.
            throw new IllegalStateException("scenario.schema.json accepted " + source.name() + " but binding it failed: "
                    + e.getMessage() + "; report this with the file", e);
        }
        ScenarioReader reader = new ScenarioReader(source, yaml);
        Scenario scenario = reader.scenario(file);
        if (!reader.problems.isEmpty()) {
            throw new InvalidScenarioException(reader.problems);
        }
        return scenario;
    }

    private Scenario scenario(ScenarioFile f) {
        List<SqlText> schema = new ArrayList<>();
        for (int i = 0; i < f.schema().size(); i++) {
            JsonNode item = f.schema().get(i);
            String at = "/schema/" + i;
            (item.has("sql") ? sqlField(at + "/sql", "a schema entry") : sqlField(at, "a schema entry")).ifPresent(schema::add);
        }
        List<TviewDefinition> tviews = new ArrayList<>();
        forEach(f.tviews(), "/tviews", (tv, at) -> tview(tv, at).ifPresent(tviews::add));
        List<TableData> tables = new ArrayList<>();
        forEach(f.tables(), "/tables", (t, at) -> tables.add(table(t, at)));
        Map<String, Scale> scales = new LinkedHashMap<>();
        f.scales().forEach((name, rows) -> {
            String at = LocatedYaml.child("/scales", name);
            Map<String, Scale.RowCount> counts = new LinkedHashMap<>();
            rows.forEach((table, n) -> counts.put(table, new Scale.RowCount(n, yaml.keyAt(LocatedYaml.child(at, table)))));
            scales.put(name, new Scale(name, counts, yaml.keyAt(at)));
        });
        List<Operation> operations = new ArrayList<>();
        forEach(f.operations(), "/operations", (o, at) -> operation(o, at, Operation.Kind.WRITE).ifPresent(operations::add));
        List<Operation> reads = new ArrayList<>();
        forEach(f.reads(), "/reads", (o, at) -> operation(o, at, Operation.Kind.READ).ifPresent(reads::add));
        crossChecks(tviews, tables, scales, operations, reads);
        return new Scenario(f.name(), f.description() == null ? "" : f.description(), source.name(),
                f.seed() == null ? 1L : f.seed(), schema, tviews, tables, scales, operations, reads);
    }

    private static <T> void forEach(List<T> items, String section, java.util.function.BiConsumer<T, String> action) {
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                action.accept(items.get(i), section + "/" + i);
            }
        }
    }

    // ---- SQL fields ------------------------------------------------------------------------------

    /** An SQL field at {@code pointer}: text, or {@code { file: path }} relative to the scenario file. */
    private Optional<SqlText> sqlField(String pointer, String what) {
        JsonNode node = yaml.root().at(pointer);
        if (node.isObject()) {
            return sqlFile(node.get("file").asText(), yaml.keyAt(pointer + "/file"));
        }
        if (node.asText().isBlank()) {
            problems.add(new ScenarioProblem(yaml.at(pointer), what + " is empty", "write the SQL or remove the entry"));
            return Optional.empty();
        }
        return Optional.of(YamlReader.sqlText(yaml, pointer));
    }

    private Optional<SqlText> sqlFile(String path, SourceLocation where) {
        ScenarioSource file = source.resolve(path);
        try {
            return Optional.of(SqlText.wholeFile(file.read(), file.name()));
        } catch (NoSuchFileException e) {
            problems.add(new ScenarioProblem(where, "the SQL file '" + path + "' does not exist (looked for " + file.name() + ")",
                    "paths are relative to the scenario file"));
        } catch (IOException e) {
            problems.add(new ScenarioProblem(where, "the SQL file '" + path + "' cannot be read: " + e.getMessage(), ""));
        }
        return Optional.empty();
    }

    /** One or several statements: text (split at semicolons), a file, or a list of those. */
    private List<Statement> statements(String pointer, String what) {
        List<Statement> out = new ArrayList<>();
        JsonNode node = yaml.root().at(pointer);
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.add(pointer + "/" + i);
            }
        } else {
            items.add(pointer);
        }
        for (String item : items) {
            sqlField(item, what).ifPresent(sql -> {
                for (SqlScript.Part part : SqlScript.split(sql.sql())) {
                    out.add(new Statement(sql.slice(part.offset(), part.sql())));
                }
            });
        }
        return out;
    }

    // ---- tviews and tables -----------------------------------------------------------------------

    private Optional<TviewDefinition> tview(ScenarioFile.Tview tv, String at) {
        // A composite key is a list ('key: [day, fk_category]'), kept as its columns joined by ", ".
        String key = tv.key().isArray()
                ? java.util.stream.StreamSupport.stream(tv.key().spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "))
                : tv.key().asText();
        Optional<SqlText> select = sqlField(at + "/select", "the select of tview '" + tv.name() + "'");
        if (select.isPresent() && SqlScript.split(select.get().sql()).size() > 1) {
            problems.add(new ScenarioProblem(select.get().location(), "the select of a tview must be one statement",
                    "remove the semicolon or split the definition into two tviews"));
        }
        Map<String, String> options = tv.options() == null ? Map.of() : tv.options();
        return select.map(sql -> new TviewDefinition(tv.name(), key, sql, options, yaml.at(at)));
    }

    private TableData table(ScenarioFile.Table t, String at) {
        List<ColumnSpec> columns = new ArrayList<>();
        if (t.columns() != null) {
            t.columns().forEach((column, spec) -> {
                String pointer = LocatedYaml.child(at + "/columns", column);
                generator(spec, pointer, "the generator of column '" + column + "'", false)
                        .ifPresent(g -> columns.add(new ColumnSpec(column, g, yaml.keyAt(pointer))));
            });
        }
        return new TableData(t.table(), columns, yaml.at(at));
    }

    // ---- operations ------------------------------------------------------------------------------

    private Optional<Operation> operation(ScenarioFile.Op o, String at, Operation.Kind kind) {
        String label = (kind == Operation.Kind.WRITE ? "an operation" : "a read") + " '" + o.name() + "'";
        Map<String, ParameterSpec> params = new LinkedHashMap<>();
        if (o.params() != null) {
            o.params().forEach((name, spec) -> {
                String pointer = LocatedYaml.child(at + "/params", name);
                generator(spec, pointer, "parameter '" + name + "' of " + label, true)
                        .ifPresent(g -> params.put(name, new ParameterSpec(name, g, yaml.keyAt(pointer))));
            });
        }
        List<Statement> statements = statements(at + "/sql", "the sql of " + label);
        List<Statement> maintain = o.maintain() == null ? List.of() : statements(at + "/maintain", "the maintain of " + label);
        if (kind == Operation.Kind.READ && statements.size() > 1) {
            problems.add(new ScenarioProblem(statements.get(1).location(), label + " must be a single query", "split it into two reads"));
        }
        unusedParameters(label, params, statements, maintain);
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation(o.name(), kind, (int) Math.min(Integer.MAX_VALUE, o.weight()), params,
                statements, maintain, yaml.at(at)));
    }

    private void unusedParameters(String label, Map<String, ParameterSpec> params, List<Statement> statements, List<Statement> maintain) {
        Set<String> used = new HashSet<>();
        statements.forEach(s -> used.addAll(s.sql().names()));
        maintain.forEach(s -> used.addAll(s.sql().names()));
        for (ParameterSpec p : params.values()) {
            if (!used.contains(p.name())) {
                problems.add(new ScenarioProblem(p.location(), "parameter '" + p.name() + "' of " + label + " is declared but no statement uses :"
                        + p.name(), "use :" + p.name() + " in the sql or remove the parameter"));
            }
        }
    }

    // ---- generators: the schema checked each kind's fields; what is left spans fields -------------

    private Optional<Generator> generator(GeneratorSpec g, String at, String what, boolean parameter) {
        Optional<Generator> made;
        if (g.key() != null) {
            made = key(g, at, what, parameter);
        } else if (g.random() != null) {
            made = random(g, at, what);
        } else if (g.text() != null) {
            made = text(g, at, what);
        } else if (g.uuid() != null) {
            made = Optional.of(new Generator.RandomUuid());
        } else if (g.sequence() != null) {
            made = Optional.of(new Generator.Sequence(g.sequence()));
        } else if (g.choice() != null) {
            made = Optional.of(new Generator.Choice(g.choice()));
        } else {
            made = Optional.of(constant(yaml.root().at(at + "/value")));
        }
        if (made.isPresent() && g.nullProbability() != null) {
            if (made.get() instanceof Generator.Key k && k.delete()) {
                problems.add(new ScenarioProblem(yaml.keyAt(at + "/null_probability"), what + ": a key that is deleted cannot be null",
                        "remove null_probability"));
                return Optional.empty();
            }
            return Optional.of(new Generator.Nullable(made.get(), g.nullProbability()));
        }
        return made;
    }

    private Optional<Generator> key(GeneratorSpec g, String at, String what, boolean parameter) {
        String distributionName = g.distribution() == null ? "uniform" : g.distribution();
        Distribution distribution;
        switch (distributionName) {
            case "zipf" -> {
                distribution = new Distribution.Zipf(g.skew() == null ? 1.0 : g.skew());
                forbid(g.perParent(), at, "per_parent", what, "it only applies to distribution: fixed");
            }
            case "fixed" -> {
                if (g.perParent() == null) {
                    problems.add(new ScenarioProblem(yaml.keyAt(at + "/distribution"), what + ": distribution 'fixed' needs per_parent",
                            "add 'per_parent:' with the number of children of every parent"));
                    return Optional.empty();
                }
                distribution = new Distribution.Fixed((int) (long) g.perParent());
                forbid(g.skew(), at, "skew", what, "it only applies to distribution: zipf");
            }
            default -> {
                distribution = new Distribution.Uniform();
                forbid(g.skew(), at, "skew", what, "it only applies to distribution: zipf");
                forbid(g.perParent(), at, "per_parent", what, "it only applies to distribution: fixed");
            }
        }
        long count = g.count() == null ? 1L : g.count();
        if (Boolean.TRUE.equals(g.delete()) && count > 1) {
            problems.add(new ScenarioProblem(yaml.keyAt(at + "/delete"), what + ": delete works on one key at a time",
                    "remove count, or delete by another parameter"));
            return Optional.empty();
        }
        return Optional.of(new Generator.Key(g.key(), distribution, (int) count, Boolean.TRUE.equals(g.delete())));
    }

    private void forbid(Object value, String at, String field, String what, String why) {
        if (value != null) {
            problems.add(new ScenarioProblem(yaml.keyAt(at + "/" + field), what + ": '" + field + "' does not apply here, " + why, "remove it"));
        }
    }

    private Optional<Generator> random(GeneratorSpec g, String at, String what) {
        switch (g.random()) {
            case "int" -> {
                forbid(g.scale(), at, "scale", what, "it only applies to random: decimal");
                forbid(g.probability(), at, "probability", what, "it only applies to random: bool");
                Optional<Long> min = whole(g.min(), at + "/min", what, 0L);
                Optional<Long> max = whole(g.max(), at + "/max", what, 1000L);
                if (min.isEmpty() || max.isEmpty()) {
                    return Optional.empty();
                }
                return range(at, what, min.get() <= max.get(), min.get(), max.get())
                        ? Optional.of(new Generator.RandomInt(min.get(), max.get())) : Optional.empty();
            }
            case "decimal", "double" -> {
                forbid(g.probability(), at, "probability", what, "it only applies to random: bool");
                boolean decimal = g.random().equals("decimal");
                if (!decimal) {
                    forbid(g.scale(), at, "scale", what, "it only applies to random: decimal");
                }
                Optional<BigDecimal> min = number(g.min(), at + "/min", what, BigDecimal.ZERO);
                Optional<BigDecimal> max = number(g.max(), at + "/max", what, decimal ? BigDecimal.valueOf(1000) : BigDecimal.ONE);
                if (min.isEmpty() || max.isEmpty() || !range(at, what, min.get().compareTo(max.get()) <= 0, min.get(), max.get())) {
                    return Optional.empty();
                }
                return Optional.of(decimal ? new Generator.RandomDecimal(min.get(), max.get(), g.scale() == null ? 2 : (int) (long) g.scale())
                        : new Generator.RandomDouble(min.get().doubleValue(), max.get().doubleValue()));
            }
            case "bool" -> {
                forbid(g.min(), at, "min", what, "random: bool takes probability");
                forbid(g.max(), at, "max", what, "random: bool takes probability");
                forbid(g.scale(), at, "scale", what, "it only applies to random: decimal");
                return Optional.of(new Generator.RandomBool(g.probability() == null ? 0.5 : g.probability()));
            }
            default -> {
                forbid(g.scale(), at, "scale", what, "it only applies to random: decimal");
                forbid(g.probability(), at, "probability", what, "it only applies to random: bool");
                Optional<Instant> min = instant(g.min(), at + "/min", what, Instant.parse("2020-01-01T00:00:00Z"));
                Optional<Instant> max = instant(g.max(), at + "/max", what, Instant.parse("2025-01-01T00:00:00Z"));
                if (min.isEmpty() || max.isEmpty()) {
                    return Optional.empty();
                }
                return range(at, what, !min.get().isAfter(max.get()), min.get(), max.get())
                        ? Optional.of(new Generator.RandomTimestamp(min.get(), max.get())) : Optional.empty();
            }
        }
    }

    private Optional<Long> whole(JsonNode n, String at, String what, long fallback) {
        if (n == null) {
            return Optional.of(fallback);
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Optional.of(n.longValue());
        }
        problems.add(new ScenarioProblem(yaml.at(at), what + ": " + at.substring(at.lastIndexOf('/') + 1) + " must be a whole number for random: int, not "
                + Described.kind(n), ""));
        return Optional.empty();
    }

    private Optional<BigDecimal> number(JsonNode n, String at, String what, BigDecimal fallback) {
        if (n == null) {
            return Optional.of(fallback);
        }
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        problems.add(new ScenarioProblem(yaml.at(at), what + ": " + at.substring(at.lastIndexOf('/') + 1) + " must be a number, not "
                + Described.kind(n), ""));
        return Optional.empty();
    }

    private Optional<Instant> instant(JsonNode n, String at, String what, Instant fallback) {
        if (n == null) {
            return Optional.of(fallback);
        }
        String v = n.asText();
        try {
            return Optional.of(v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(v));
        } catch (DateTimeParseException e) {
            problems.add(new ScenarioProblem(yaml.keyAt(at), what + ": '" + v + "' is not a date or timestamp",
                    "write 2024-01-31 or 2024-01-31T12:00:00Z"));
            return Optional.empty();
        }
    }

    private boolean range(String at, String what, boolean ordered, Object min, Object max) {
        if (!ordered) {
            problems.add(new ScenarioProblem(yaml.keyAt(at + "/min"), what + ": min " + min + " is greater than max " + max, "swap them"));
        }
        return ordered;
    }

    private Optional<Generator> text(GeneratorSpec g, String at, String what) {
        boolean words = g.text().equals("words");
        if (g.length() != null && (g.min() != null || g.max() != null)) {
            problems.add(new ScenarioProblem(yaml.keyAt(at + "/length"), what + ": give either length or min/max", "remove one"));
            return Optional.empty();
        }
        long min = g.length() != null ? g.length() : g.min() != null ? g.min().longValue() : (words ? 1L : 8L);
        long max = g.length() != null ? g.length() : g.max() != null ? g.max().longValue() : Math.max(min, words ? 3L : 8L);
        if (min < 0 || max > 100_000 || min > max) {
            problems.add(new ScenarioProblem(yaml.at(at), what + ": the length " + min + ".." + max + " is not a valid range",
                    "use 0 <= min <= max <= 100000"));
            return Optional.empty();
        }
        return Optional.of(words ? new Generator.Words((int) min, (int) max) : new Generator.Chars((int) min, (int) max));
    }

    private static Generator constant(JsonNode value) {
        if (value.isIntegralNumber()) {
            return new Generator.Constant(value.longValue(), "bigint");
        }
        if (value.isNumber()) {
            return new Generator.Constant(value.decimalValue(), "numeric");
        }
        if (value.isBoolean()) {
            return new Generator.Constant(value.booleanValue(), "boolean");
        }
        return new Generator.Constant(value.isNull() ? null : value.asText(), "text");
    }

    // ---- checks across sections ---------------------------------------------------------------------

    private void crossChecks(List<TviewDefinition> tviews, List<TableData> tables, Map<String, Scale> scales,
                             List<Operation> operations, List<Operation> reads) {
        Map<String, TviewDefinition> seenTviews = new LinkedHashMap<>();
        for (TviewDefinition t : tviews) {
            if (seenTviews.putIfAbsent(t.name(), t) != null) {
                problems.add(new ScenarioProblem(t.location(), "tview '" + t.name() + "' is defined twice", "rename or remove one"));
            }
        }
        Map<String, Integer> tableOrder = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            TableData t = tables.get(i);
            if (tableOrder.putIfAbsent(t.table(), i) != null) {
                problems.add(new ScenarioProblem(t.location(), "table '" + t.table() + "' is listed twice under tables", "merge the two entries"));
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            TableData t = tables.get(i);
            for (ColumnSpec c : t.columns()) {
                if (unwrap(c.generator()) instanceof Generator.Key k) {
                    Integer parent = tableOrder.get(k.table());
                    if (parent != null && parent >= i) {
                        problems.add(new ScenarioProblem(c.location(), "column " + t.table() + "." + c.column() + " draws keys of " + k.table()
                                + ", which is loaded " + (parent == i ? "by the same entry" : "after it"),
                                "move the entry of " + k.table() + " above " + t.table() + " under tables (parents load first)"));
                    }
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (Operation o : concat(operations, reads)) {
            if (!names.add(o.name())) {
                problems.add(new ScenarioProblem(o.location(), "operation name '" + o.name() + "' is used twice", "operation and read names must be unique"));
            }
        }
        if (scales.isEmpty()) {
            return;
        }
        for (Scale s : scales.values()) {
            for (TableData t : tables) {
                for (ColumnSpec c : t.columns()) {
                    if (unwrap(c.generator()) instanceof Generator.Key k && k.distribution() instanceof Distribution.Fixed fixed
                            && s.rows().containsKey(t.table()) && s.rows().containsKey(k.table())) {
                        long expected = s.rows().get(k.table()).rows() * fixed.perParent();
                        long actual = s.rows().get(t.table()).rows();
                        if (expected != actual) {
                            problems.add(new ScenarioProblem(s.rows().get(t.table()).location(), "at scale '" + s.name() + "', " + t.table()
                                    + " has " + actual + " rows, but its column " + c.column() + " gives each of the " + s.rows().get(k.table()).rows()
                                    + " rows of " + k.table() + " exactly " + fixed.perParent(),
                                    "set it to " + expected + ", or leave it out and it is computed"));
                        }
                    }
                }
            }
        }
    }

    static Generator unwrap(Generator g) {
        return g instanceof Generator.Nullable n ? n.inner() : g;
    }

    private static List<Operation> concat(List<Operation> a, List<Operation> b) {
        List<Operation> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
