package dev.tviews.engine.analysis;

import dev.tviews.engine.TviewsException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plain views as sources: the analysis sees through them by replacing each reference to a view
 * with its body as a derived table (recursively), so keys trace to the base tables and the
 * triggers go there. The backing view keeps the user's text; PostgreSQL expands views itself.
 */
public final class ViewInliner {

    /** Views nested deeper than this are refused rather than expanded (a guard, not a known limit). */
    private static final int MAX_NESTING = 16;

    /** The definition with every plain view inlined, and the views it read (directly or through others). */
    public record Inlined(String select, List<Relation> views) {
    }

    private ViewInliner() {
    }

    /** {@code select} with the views of its FROM clauses replaced by their bodies; unchanged without views. */
    public static Inlined inline(Connection c, Catalog catalog, String defName, String select) throws SQLException {
        Set<Relation> views = new LinkedHashSet<>();
        String current = select;
        for (int pass = 0; ; pass++) {
            Map<String, String> bodies = new LinkedHashMap<>();
            String next = replaceOnce(c, catalog, defName, current, bodies, views);
            if (bodies.isEmpty()) {
                return new Inlined(current, List.copyOf(views));
            }
            if (pass >= MAX_NESTING) {
                throw Refusal.VIEWS_NESTED_TOO_DEEP.refuse(defName + " reads views nested more than " + MAX_NESTING
                        + " deep (" + views + ")");
            }
            current = next;
        }
    }

    private static String replaceOnce(Connection c, Catalog catalog, String defName, String sql,
                                      Map<String, String> bodies, Set<Relation> views) throws SQLException {
        Select select = SelectSyntax.parse(sql);
        Set<String> cteNames = new HashSet<>();
        List<Table> tables = new ArrayList<>();
        // TablesNamesFinder reaches FROM items everywhere (subqueries in expressions, CTE bodies, joins).
        new TablesNamesFinder<Void>() {
            @Override
            public <S> Void visit(WithItem<?> withItem, S context) {
                cteNames.add(SelectSyntax.normalize(withItem.getAliasName()));
                return super.visit(withItem, context);
            }

            // JSqlParser 5.3's finder dereferences a window's ORDER BY list even when it has none.
            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
                if (a.getOrderByElements() != null) {
                    return super.visit(a, context);
                }
                a.setOrderByElements(new ArrayList<>());
                try {
                    return super.visit(a, context);
                } finally {
                    a.setOrderByElements(null);
                }
            }

            @Override
            public <S> Void visit(Table table, S context) {
                tables.add(table);
                return super.visit(table, context);
            }
        }.getTables((net.sf.jsqlparser.statement.Statement) select);
        for (Table table : tables) {
            if (table.getSchemaName() == null && cteNames.contains(SelectSyntax.normalize(table.getName()))) {
                continue;
            }
            var rel = catalog.resolve(table.getFullyQualifiedName());
            if (rel.isEmpty() || !rel.get().kind().equals("v")) {
                continue;
            }
            Relation view = rel.get();
            refuseUninlinable(c, defName, view);
            views.add(view);
            // A marker no SQL contains: the printed statement has the body spliced in its place.
            String marker = "tviews_inlined_view_" + bodies.size() + "_" + Long.toHexString(System.nanoTime());
            bodies.put(marker, "(" + body(c, view) + ")");
            if (table.getAlias() == null) {
                table.setAlias(new Alias(table.getName(), true));
            } else {
                table.getAlias().setUseAs(true);
            }
            table.setSchemaName(null);
            table.setName(marker);
        }
        if (bodies.isEmpty()) {
            return sql;
        }
        String printed = select.toString();
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            printed = printed.replace(e.getKey(), e.getValue());
        }
        return printed;
    }

    private static String body(Connection c, Relation view) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_get_viewdef(?::oid, true)")) {
            ps.setLong(1, view.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String def = rs.getString(1).strip();
                return def.endsWith(";") ? def.substring(0, def.length() - 1) : def;
            }
        }
    }

    /** Views whose body must not be read as plain SQL by the writer's triggers. */
    private static void refuseUninlinable(Connection c, String defName, Relation view) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(array_to_string(c.reloptions, ','), '')
                FROM pg_catalog.pg_class c WHERE c.oid = ?""")) {
            ps.setLong(1, view.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String options = rs.getString(1).toLowerCase(Locale.ROOT);
                if (options.contains("security_barrier=true") || options.contains("security_barrier=on")
                        || options.matches("(^|.*,)security_barrier(,.*|$)")) {
                    throw Refusal.SECURITY_BARRIER_VIEW.refuse(defName + " reads the view " + view + ", a security_barrier "
                            + "view, whose body the engine may not inline into other queries");
                }
            }
        }
    }

    /**
     * The dependencies with every view replaced by the relations it reads (recursively): a view
     * fires no triggers, its base tables do. Column sets are the view's own reads, a superset of
     * what the definition needs, which at worst refreshes a key whose row did not change.
     */
    public static Map<Long, Set<Integer>> throughViews(Catalog catalog, Map<Long, Set<Integer>> deps)
            throws SQLException {
        Map<Long, Set<Integer>> out = new LinkedHashMap<>();
        expand(catalog, deps, out, 0);
        return out;
    }

    private static void expand(Catalog catalog, Map<Long, Set<Integer>> deps, Map<Long, Set<Integer>> out, int depth)
            throws SQLException {
        for (Map.Entry<Long, Set<Integer>> dep : deps.entrySet()) {
            Relation rel = catalog.byOid(dep.getKey());
            if (rel.kind().equals("v") && depth <= MAX_NESTING) {
                expand(catalog, catalog.viewDependencies(rel.oid()), out, depth + 1);
            } else {
                out.computeIfAbsent(dep.getKey(), k -> new TreeSet<>()).addAll(dep.getValue());
            }
        }
    }

    /** An analysis step that may throw. */
    public interface Step<T> {
        T run() throws SQLException;
    }

    /** Runs {@code step}; a refusal it raises names the views inlined, whose bodies it may be about. */
    public static <T> T naming(List<Relation> views, Step<T> step) throws SQLException {
        try {
            return step.run();
        } catch (Untraceable e) {
            if (views.isEmpty()) {
                throw e;
            }
            String tail = ", or declare fullRefreshOnUntraceable to refresh the whole TVIEW on every change of a source";
            String msg = TviewsException.bareMessage(e);
            String advice = msg.startsWith(e.reason() + "; ") && msg.endsWith(tail)
                    ? msg.substring(e.reason().length() + 2, msg.length() - tail.length()) : "rewrite the view";
            throw new Untraceable(e.refusal(), e.reason() + " (in the definition with the view(s) " + views
                    + " it reads inlined, which the engine analyses in their place)", advice
                    + ", or make a TVIEW of the view's SELECT and read that");
        } catch (TviewsException e) {
            if (views.isEmpty()) {
                throw e;
            }
            throw new TviewsException(TviewsException.bareMessage(e) + " (in the definition with the view(s) "
                    + views + " it reads inlined, which the engine analyses in their place; make a TVIEW "
                    + "of the view's SELECT and read that, or change the view)", e);
        }
    }

    /** The plain views the view {@code oid} reads, directly or through other views. */
    public static List<Relation> viewsRead(Catalog catalog, long oid) throws SQLException {
        Set<Relation> out = new LinkedHashSet<>();
        collect(catalog, oid, out, 0);
        return List.copyOf(out);
    }

    private static void collect(Catalog catalog, long oid, Set<Relation> out, int depth) throws SQLException {
        for (long dep : catalog.viewDependencies(oid).keySet()) {
            Relation rel = catalog.byOid(dep);
            if (rel.kind().equals("v") && depth <= MAX_NESTING && out.add(rel)) {
                collect(catalog, dep, out, depth + 1);
            }
        }
    }
}
