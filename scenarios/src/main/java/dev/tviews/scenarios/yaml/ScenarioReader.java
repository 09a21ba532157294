package dev.tviews.scenarios.yaml;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file into a {@link Scenario}, checking everything that can be checked without a
 * database: structure, field names and types, weights, distributions, parameters that are declared
 * but never used, and the order of tables and read models. Problems are collected, not thrown one
 * at a time, so a user sees them all at once. Checks against the live catalog come later, in
 * {@link dev.tviews.scenarios.validation.ScenarioValidator}.
 */
public final class ScenarioReader {

    private static final Set<String> TOP = ordered("name", "description", "seed", "schema", "tviews", "tables",
            "scales", "operations", "reads");
    private static final Set<String> TVIEW = ordered("name", "key", "select", "options");
    private static final Set<String> TABLE = ordered("table", "columns");
    private static final Set<String> OPERATION = ordered("name", "weight", "params", "sql", "maintain");
    private static final Set<String> READ = ordered("name", "weight", "params", "sql");
    private static final Set<String> SQL_FILE = ordered("file");
    private static final Set<String> SCHEMA_ITEM = ordered("file", "sql");
    private static final Set<String> KINDS = ordered("key", "random", "text", "uuid", "sequence", "choice", "value");

    private final ScenarioSource source;
    private final String text;
    private final List<ScenarioProblem> problems = new ArrayList<>();

    private ScenarioReader(ScenarioSource source, String text) {
        this.source = source;
        this.text = text;
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
        ScenarioReader reader = new ScenarioReader(source, text);
        YamlNode root = YamlReader.read(source.name(), text);
        Scenario scenario = reader.scenario(root);
        if (!reader.problems.isEmpty() || scenario == null) {
            throw new InvalidScenarioException(reader.problems);
        }
        return scenario;
    }

    private Scenario scenario(YamlNode root) {
        Optional<Fields> top = Fields.of(root, "the scenario", TOP, problems);
        if (top.isEmpty()) {
            return null;
        }
        Fields f = top.get();
        String name = f.string("name", true, "add a line 'name: my-scenario' at the top").orElse("");
        String description = f.string("description", false, "").orElse("");
        long seed = f.integer("seed", false, "").orElse(1L);
        List<SqlText> schema = new ArrayList<>();
        f.require("schema", "add 'schema:' with the DDL inline or '- file: schema.sql'").ifPresent(n ->
                forEachItem(n, "schema", item -> schemaItem(item).ifPresent(schema::add)));
        List<TviewDefinition> tviews = new ArrayList<>();
        f.get("tviews").ifPresent(n -> forEachItem(n, "tviews", item -> tview(item).ifPresent(tviews::add)));
        List<TableData> tables = new ArrayList<>();
        f.get("tables").ifPresent(n -> forEachItem(n, "tables", item -> table(item).ifPresent(tables::add)));
        Map<String, Scale> scales = new LinkedHashMap<>();
        f.require("scales", "add 'scales:' with at least one named scale, e.g. 'small: { tb_item: 1000 }'")
                .ifPresent(n -> scales(n, scales));
        List<Operation> operations = new ArrayList<>();
        f.get("operations").ifPresent(n -> forEachItem(n, "operations",
                item -> operation(item, Operation.Kind.WRITE).ifPresent(operations::add)));
        List<Operation> reads = new ArrayList<>();
        f.get("reads").ifPresent(n -> forEachItem(n, "reads", item -> operation(item, Operation.Kind.READ).ifPresent(reads::add)));
        crossChecks(tviews, tables, scales, operations, reads);
        return new Scenario(name, description, source.name(), seed, schema, tviews, tables, scales, operations, reads);
    }

    // ---- schema, SQL fields ------------------------------------------------------------------

    private Optional<SqlText> schemaItem(YamlNode item) {
        if (item instanceof YamlNode.Scalar) {
            return sqlField(item, "a schema entry");
        }
        return Fields.of(item, "a schema entry", SCHEMA_ITEM, problems).flatMap(f -> {
            if (f.has("file") == f.has("sql")) {
                problems.add(new ScenarioProblem(f.location(), "a schema entry needs exactly one of 'file' or 'sql'",
                        "write '- file: schema.sql' or '- sql: CREATE TABLE …'"));
                return Optional.empty();
            }
            return f.has("file") ? sqlField(f.node(), "a schema entry") : sqlField(f.get("sql").get(), "a schema entry");
        });
    }

    /** An SQL field: a string, or {@code { file: path }} relative to the scenario file. */
    private Optional<SqlText> sqlField(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
            if (s.text().isBlank()) {
                problems.add(new ScenarioProblem(s.location(), what + " is empty", "write the SQL or remove the entry"));
                return Optional.empty();
            }
            return Optional.of(YamlReader.sqlText(source.name(), text, s));
        }
        if (node instanceof YamlNode.MapNode) {
            return Fields.of(node, what, SQL_FILE, problems)
                    .flatMap(f -> f.string("file", true, "write '{ file: name.sql }'").flatMap(path -> sqlFile(path, f.keyLocation("file"))));
        }
        problems.add(new ScenarioProblem(node.location(), what + " must be SQL text or { file: name.sql }, not " + node.kind(), ""));
        return Optional.empty();
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

    /** One or several statements: a string (split at semicolons), a file, or a list of those. */
    private List<Statement> statements(YamlNode node, String what) {
        List<Statement> out = new ArrayList<>();
        List<YamlNode> items = node instanceof YamlNode.ListNode l ? l.items() : List.of(node);
        for (YamlNode item : items) {
            sqlField(item, what).ifPresent(sql -> {
                for (SqlScript.Part part : SqlScript.split(sql.sql())) {
                    out.add(new Statement(sql.slice(part.offset(), part.sql())));
                }
            });
        }
        return out;
    }

    // ---- tviews and tables ---------------------------------------------------------------------

    private Optional<TviewDefinition> tview(YamlNode item) {
        return Fields.of(item, "a tview", TVIEW, problems).flatMap(f -> {
            Optional<String> name = f.string("name", true, "add 'name: tv_…'");
            // A composite key is a list ('key: [day, fk_category]'), kept as its columns joined by ", ".
            Optional<String> key = f.get("key").filter(n -> n instanceof YamlNode.ListNode).map(n -> ((YamlNode.ListNode) n)
                            .items().stream().map(i -> i instanceof YamlNode.Scalar sc ? sc.text() : String.valueOf(i))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .or(() -> f.string("key", true, "add 'key:' naming the column that identifies a row, e.g. "
                            + "'key: pk_product', or a list of columns: 'key: [day, fk_category]'"));
            Optional<SqlText> select = f.require("select", "add 'select:' with the defining SELECT").flatMap(n -> sqlField(n, "select"));
            Map<String, String> options = new LinkedHashMap<>();
            f.get("options").ifPresent(n -> Fields.of(n, "options of a tview", Set.copyOf(keysOf(n)), problems)
                    .ifPresent(o -> o.node().entries().values().forEach(e ->
                            o.asString(e.value(), "option '" + e.key() + "'").ifPresent(v -> options.put(e.key(), v)))));
            if (select.isPresent() && SqlScript.split(select.get().sql()).size() > 1) {
                problems.add(new ScenarioProblem(select.get().location(), "the select of a tview must be one statement",
                        "remove the semicolon or split the definition into two tviews"));
            }
            if (name.isEmpty() || key.isEmpty() || select.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TviewDefinition(name.get(), key.get(), select.get(), options, f.location()));
        });
    }

    private Optional<TableData> table(YamlNode item) {
        return Fields.of(item, "a table entry", TABLE, problems).flatMap(f -> {
            Optional<String> table = f.string("table", true, "add 'table: tb_…'");
            List<ColumnSpec> columns = new ArrayList<>();
            f.get("columns").ifPresent(n -> {
                if (n instanceof YamlNode.MapNode m) {
                    for (YamlNode.Entry e : m.entries().values()) {
                        generator(e.value(), "the generator of column '" + e.key() + "'", false)
                                .ifPresent(g -> columns.add(new ColumnSpec(e.key(), g, e.keyLocation())));
                    }
                } else {
                    problems.add(new ScenarioProblem(n.location(), "'columns' must map column names to generators, not " + n.kind(),
                            "write e.g. 'name: { text: words }'"));
                }
            });
            return table.map(t -> new TableData(t, columns, f.location()));
        });
    }

    private void scales(YamlNode node, Map<String, Scale> scales) {
        if (!(node instanceof YamlNode.MapNode m) || m.entries().isEmpty()) {
            problems.add(new ScenarioProblem(node.location(), "'scales' must map scale names to row counts",
                    "write e.g. 'small: { tb_product: 1000 }'"));
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            if (!(e.value() instanceof YamlNode.MapNode rows)) {
                problems.add(new ScenarioProblem(e.value().location(), "scale '" + e.key() + "' must map table names to row counts, not "
                        + e.value().kind(), "write e.g. '" + e.key() + ": { tb_product: 1000 }'"));
                continue;
            }
            Map<String, Scale.RowCount> counts = new LinkedHashMap<>();
            for (YamlNode.Entry r : rows.entries().values()) {
                Fields.of(rows, "scale '" + e.key() + "'", Set.copyOf(keysOf(rows)), problems)
                        .flatMap(f -> f.asInteger(r.value(), "the row count of " + r.key() + " at scale '" + e.key() + "'"))
                        .ifPresent(n -> {
                            if (n < 0) {
                                problems.add(new ScenarioProblem(r.value().location(), "the row count of " + r.key()
                                        + " at scale '" + e.key() + "' is negative (" + n + ")", "use 0 or more"));
                            } else {
                                counts.put(r.key(), new Scale.RowCount(n, r.keyLocation()));
                            }
                        });
            }
            scales.put(e.key(), new Scale(e.key(), counts, e.keyLocation()));
        }
    }

    // ---- operations ------------------------------------------------------------------------------

    private Optional<Operation> operation(YamlNode item, Operation.Kind kind) {
        String what = kind == Operation.Kind.WRITE ? "an operation" : "a read";
        return Fields.of(item, what, kind == Operation.Kind.WRITE ? OPERATION : READ, problems).flatMap(f -> {
            Optional<String> name = f.string("name", true, "add 'name:'");
            String label = what + " '" + name.orElse("?") + "'";
            Optional<Long> weight = f.integer("weight", true, "add 'weight:' with a positive whole number");
            weight.ifPresent(w -> {
                if (w <= 0) {
                    problems.add(new ScenarioProblem(f.get("weight").get().location(), "the weight of " + label + " is " + w
                            + ", but weights must be positive", "use a whole number of 1 or more, or remove the operation"));
                }
            });
            Map<String, ParameterSpec> params = new LinkedHashMap<>();
            f.get("params").ifPresent(n -> {
                if (n instanceof YamlNode.MapNode m) {
                    for (YamlNode.Entry e : m.entries().values()) {
                        generator(e.value(), "parameter '" + e.key() + "' of " + label, true)
                                .ifPresent(g -> params.put(e.key(), new ParameterSpec(e.key(), g, e.keyLocation())));
                    }
                } else {
                    problems.add(new ScenarioProblem(n.location(), "'params' of " + label + " must map names to generators", ""));
                }
            });
            List<Statement> statements = f.require("sql", "add 'sql:' with the statements of " + label)
                    .map(n -> statements(n, "the sql of " + label)).orElse(List.of());
            List<Statement> maintain = f.get("maintain").map(n -> statements(n, "the maintain of " + label)).orElse(List.of());
            if (kind == Operation.Kind.READ && statements.size() > 1) {
                problems.add(new ScenarioProblem(statements.get(1).location(), label + " must be a single query",
                        "split it into two reads"));
            }
            unusedParameters(label, params, statements, maintain);
            if (name.isEmpty() || weight.isEmpty() || statements.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Operation(name.get(), kind, (int) Math.max(0, Math.min(Integer.MAX_VALUE, weight.get())), params,
                    statements, maintain, f.location()));
        });
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

    // ---- generators -------------------------------------------------------------------------------

    private Optional<Generator> generator(YamlNode node, String what, boolean parameter) {
        if (!(node instanceof YamlNode.MapNode map)) {
            problems.add(new ScenarioProblem(node.location(), what + " must be a mapping such as { random: int, min: 1, max: 10 }, not "
                    + node.kind(), "see 'Generators' in docs/scenarios.md"));
            return Optional.empty();
        }
        List<String> kinds = keysOf(map).stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            problems.add(new ScenarioProblem(node.location(), what + (kinds.isEmpty() ? " names no kind" : " names several kinds " + kinds),
                    "give exactly one of: " + String.join(", ", KINDS)));
            return Optional.empty();
        }
        String kind = kinds.get(0);
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(kind);
        switch (kind) {
            case "key" -> allowed.addAll(parameter ? List.of("distribution", "skew", "count", "delete", "null_probability")
                    : List.of("distribution", "skew", "per_parent", "null_probability"));
            case "random" -> allowed.addAll(List.of("min", "max", "scale", "probability", "null_probability"));
            case "text" -> allowed.addAll(List.of("min", "max", "length", "null_probability"));
            case "uuid", "sequence", "choice" -> allowed.add("null_probability");
            default -> { }
        }
        Optional<Fields> of = Fields.of(node, what, allowed, problems);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<Generator> g = switch (kind) {
            case "key" -> key(f, what, parameter);
            case "random" -> random(f, what);
            case "text" -> text(f, what);
            case "uuid" -> f.string("uuid", true, "").flatMap(v -> {
                if (!v.equals("random")) {
                    problems.add(new ScenarioProblem(f.keyLocation("uuid"), what + ": uuid must be 'random', not '" + v + "'", "write { uuid: random }"));
                    return Optional.empty();
                }
                return Optional.of(new Generator.RandomUuid());
            });
            case "sequence" -> f.string("sequence", true, "").flatMap(v -> {
                if (!v.contains("%d")) {
                    problems.add(new ScenarioProblem(f.keyLocation("sequence"), what + ": the sequence format '" + v + "' has no %d",
                            "put %d where the number goes, e.g. 'user-%d'"));
                    return Optional.empty();
                }
                return Optional.of(new Generator.Sequence(v));
            });
            case "choice" -> choice(f, what);
            default -> constant(f.get("value").get(), what);
        };
        Optional<BigDecimal> nullProbability = f.decimal("null_probability");
        if (g.isPresent() && nullProbability.isPresent()) {
            double p = nullProbability.get().doubleValue();
            if (p < 0 || p > 1) {
                problems.add(new ScenarioProblem(f.keyLocation("null_probability"), what + ": null_probability " + p + " is not between 0 and 1", ""));
                return Optional.empty();
            }
            if (g.get() instanceof Generator.Key k && k.delete()) {
                problems.add(new ScenarioProblem(f.keyLocation("null_probability"), what + ": a key that is deleted cannot be null", "remove null_probability"));
                return Optional.empty();
            }
            return Optional.of(new Generator.Nullable(g.get(), p));
        }
        return g;
    }

    private Optional<Generator> key(Fields f, String what, boolean parameter) {
        Optional<String> table = f.string("key", true, "");
        String distributionName = f.string("distribution", false, "").orElse("uniform");
        Distribution distribution;
        switch (distributionName) {
            case "uniform" -> {
                distribution = new Distribution.Uniform();
                forbid(f, what, "skew", "it only applies to distribution: zipf");
                forbid(f, what, "per_parent", "it only applies to distribution: fixed");
            }
            case "zipf" -> {
                double skew = f.decimal("skew").map(BigDecimal::doubleValue).orElse(1.0);
                if (!(skew > 0) || skew > 10) {
                    problems.add(new ScenarioProblem(f.keyLocation("skew"), what + ": skew " + skew + " is out of range",
                            "use a skew above 0 and at most 10; 1.0 is classic Zipf, higher is more skewed"));
                    return Optional.empty();
                }
                distribution = new Distribution.Zipf(skew);
                forbid(f, what, "per_parent", "it only applies to distribution: fixed");
            }
            case "fixed" -> {
                if (parameter) {
                    problems.add(new ScenarioProblem(f.keyLocation("distribution"), what + ": distribution 'fixed' only applies to loading tables",
                            "use uniform or zipf for operation parameters"));
                    return Optional.empty();
                }
                long per = f.integer("per_parent", true, "add 'per_parent:' with the number of children of every parent").orElse(0L);
                if (per <= 0) {
                    problems.add(new ScenarioProblem(f.keyLocation("per_parent"), what + ": per_parent must be 1 or more", ""));
                    return Optional.empty();
                }
                distribution = new Distribution.Fixed((int) per);
                forbid(f, what, "skew", "it only applies to distribution: zipf");
            }
            default -> {
                problems.add(new ScenarioProblem(f.keyLocation("distribution"), what + ": unknown distribution '" + distributionName + "'",
                        Fields.suggestion(distributionName, Set.of("uniform", "zipf", "fixed")) + "use uniform, zipf (with skew) or fixed (with per_parent, tables only)"));
                return Optional.empty();
            }
        }
        long count = f.integer("count", false, "").orElse(1L);
        if (count < 1 || count > 100_000) {
            problems.add(new ScenarioProblem(f.keyLocation("count"), what + ": count " + count + " is out of range", "use 1 to 100000"));
            return Optional.empty();
        }
        boolean delete = f.bool("delete").orElse(false);
        if (delete && count > 1) {
            problems.add(new ScenarioProblem(f.keyLocation("delete"), what + ": delete works on one key at a time", "remove count, or delete by another parameter"));
            return Optional.empty();
        }
        return table.map(t -> new Generator.Key(t, distribution, (int) count, delete));
    }

    private void forbid(Fields f, String what, String field, String why) {
        if (f.has(field)) {
            problems.add(new ScenarioProblem(f.keyLocation(field), what + ": '" + field + "' does not apply here, " + why, "remove it"));
        }
    }

    private Optional<Generator> random(Fields f, String what) {
        Optional<String> type = f.string("random", true, "");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Set<String> types = ordered("int", "decimal", "double", "bool", "timestamp");
        switch (type.get()) {
            case "int" -> {
                long min = f.integer("min", false, "").orElse(0L);
                long max = f.integer("max", false, "").orElse(1000L);
                forbid(f, what, "scale", "it only applies to random: decimal");
                forbid(f, what, "probability", "it only applies to random: bool");
                return range(f, what, min <= max, min, max) ? Optional.of(new Generator.RandomInt(min, max)) : Optional.empty();
            }
            case "decimal" -> {
                BigDecimal min = f.decimal("min").orElse(BigDecimal.ZERO);
                BigDecimal max = f.decimal("max").orElse(BigDecimal.valueOf(1000));
                long scale = f.integer("scale", false, "").orElse(2L);
                forbid(f, what, "probability", "it only applies to random: bool");
                if (scale < 0 || scale > 18) {
                    problems.add(new ScenarioProblem(f.keyLocation("scale"), what + ": scale " + scale + " is out of range", "use 0 to 18 digits after the point"));
                    return Optional.empty();
                }
                return range(f, what, min.compareTo(max) <= 0, min, max) ? Optional.of(new Generator.RandomDecimal(min, max, (int) scale)) : Optional.empty();
            }
            case "double" -> {
                double min = f.decimal("min").map(BigDecimal::doubleValue).orElse(0.0);
                double max = f.decimal("max").map(BigDecimal::doubleValue).orElse(1.0);
                forbid(f, what, "scale", "it only applies to random: decimal");
                forbid(f, what, "probability", "it only applies to random: bool");
                return range(f, what, min <= max, min, max) ? Optional.of(new Generator.RandomDouble(min, max)) : Optional.empty();
            }
            case "bool" -> {
                double p = f.decimal("probability").map(BigDecimal::doubleValue).orElse(0.5);
                forbid(f, what, "min", "random: bool takes probability");
                forbid(f, what, "max", "random: bool takes probability");
                forbid(f, what, "scale", "it only applies to random: decimal");
                if (p < 0 || p > 1) {
                    problems.add(new ScenarioProblem(f.keyLocation("probability"), what + ": probability " + p + " is not between 0 and 1", ""));
                    return Optional.empty();
                }
                return Optional.of(new Generator.RandomBool(p));
            }
            case "timestamp" -> {
                forbid(f, what, "scale", "it only applies to random: decimal");
                forbid(f, what, "probability", "it only applies to random: bool");
                Optional<Instant> min = instant(f, "min", what, Instant.parse("2020-01-01T00:00:00Z"));
                Optional<Instant> max = instant(f, "max", what, Instant.parse("2025-01-01T00:00:00Z"));
                if (min.isEmpty() || max.isEmpty()) {
                    return Optional.empty();
                }
                return range(f, what, !min.get().isAfter(max.get()), min.get(), max.get())
                        ? Optional.of(new Generator.RandomTimestamp(min.get(), max.get())) : Optional.empty();
            }
            default -> {
                problems.add(new ScenarioProblem(f.keyLocation("random"), what + ": unknown random type '" + type.get() + "'",
                        Fields.suggestion(type.get(), types) + "use one of " + String.join(", ", types)));
                return Optional.empty();
            }
        }
    }

    private Optional<Instant> instant(Fields f, String key, String what, Instant fallback) {
        if (!f.has(key)) {
            return Optional.of(fallback);
        }
        return f.string(key, false, "").flatMap(v -> {
            try {
                return Optional.of(v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(v));
            } catch (DateTimeParseException e) {
                problems.add(new ScenarioProblem(f.keyLocation(key), what + ": '" + v + "' is not a date or timestamp",
                        "write 2024-01-31 or 2024-01-31T12:00:00Z"));
                return Optional.empty();
            }
        });
    }

    private boolean range(Fields f, String what, boolean ordered, Object min, Object max) {
        if (!ordered) {
            problems.add(new ScenarioProblem(f.keyLocation("min"), what + ": min " + min + " is greater than max " + max, "swap them"));
        }
        return ordered;
    }

    private Optional<Generator> text(Fields f, String what) {
        Optional<String> type = f.string("text", true, "");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        boolean words = type.get().equals("words");
        if (!words && !type.get().equals("chars")) {
            problems.add(new ScenarioProblem(f.keyLocation("text"), what + ": unknown text type '" + type.get() + "'",
                    Fields.suggestion(type.get(), Set.of("words", "chars")) + "use words or chars"));
            return Optional.empty();
        }
        Optional<Long> length = f.integer("length", false, "");
        if (length.isPresent() && (f.has("min") || f.has("max"))) {
            problems.add(new ScenarioProblem(f.keyLocation("length"), what + ": give either length or min/max", "remove one"));
            return Optional.empty();
        }
        long min = length.orElse(f.integer("min", false, "").orElse(words ? 1L : 8L));
        long max = length.orElse(f.integer("max", false, "").orElse(words ? Math.max(min, 3L) : Math.max(min, 8L)));
        if (min < 0 || max > 100_000 || min > max) {
            problems.add(new ScenarioProblem(f.location(), what + ": the length " + min + ".." + max + " is not a valid range", "use 0 <= min <= max <= 100000"));
            return Optional.empty();
        }
        return Optional.of(words ? new Generator.Words((int) min, (int) max) : new Generator.Chars((int) min, (int) max));
    }

    private Optional<Generator> choice(Fields f, String what) {
        YamlNode node = f.get("choice").get();
        if (!(node instanceof YamlNode.ListNode list) || list.items().isEmpty()) {
            problems.add(new ScenarioProblem(node.location(), what + ": choice must be a non-empty list", "write choice: [a, b, c]"));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (YamlNode item : list.items()) {
            f.asString(item, what + ": a choice").ifPresent(values::add);
        }
        return values.size() == list.items().size() ? Optional.of(new Generator.Choice(values)) : Optional.empty();
    }

    private Optional<Generator> constant(YamlNode node, String what) {
        if (!(node instanceof YamlNode.Scalar s)) {
            problems.add(new ScenarioProblem(node.location(), what + ": value must be a single value, not " + node.kind(), ""));
            return Optional.empty();
        }
        return Optional.of(switch (s.type()) {
            case INTEGER -> new Generator.Constant(Long.parseLong(s.text().replace("_", "")), "bigint");
            case DECIMAL -> new Generator.Constant(new BigDecimal(s.text().replace("_", "")), "numeric");
            case BOOLEAN -> new Generator.Constant(Boolean.parseBoolean(s.text()), "boolean");
            case NULL -> new Generator.Constant(null, "text");
            case STRING -> new Generator.Constant(s.text(), "text");
        });
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

    private static List<String> keysOf(YamlNode node) {
        return node instanceof YamlNode.MapNode m ? new ArrayList<>(m.entries().keySet()) : List.of();
    }

    private static Set<String> ordered(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }

    private void forEachItem(YamlNode node, String what, java.util.function.Consumer<YamlNode> action) {
        if (node instanceof YamlNode.ListNode l) {
            l.items().forEach(action);
        } else if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL) {
            // An empty section is fine.
        } else {
            problems.add(new ScenarioProblem(node.location(), "'" + what + "' must be a list (lines starting with '- '), not " + node.kind(), ""));
        }
    }
}
