package dev.tviews.engine.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives, for every occurrence, the shortest chain of equalities to a column that equals the
 * key. Any chain gives a superset of the affected keys, because each of its equalities must hold
 * for a changed row to contribute to a key's row; a superset is correct, a missing key is not.
 */
public final class KeyMapper {

    private KeyMapper() {
    }

    public static List<OccurrenceMapping> map(QueryGraph graph, Set<Long> tviewTables) {
        Map<Occurrence, String> keyColumns = keyEquivalents(graph);
        List<OccurrenceMapping> result = new ArrayList<>();
        for (Occurrence o : graph.occurrences()) {
            result.add(mapOne(graph, o, keyColumns, tviewTables.contains(o.relation().oid())));
        }
        return result;
    }

    /** Occurrences with a column that equals the key through equalities alone, and that column. */
    private static Map<Occurrence, String> keyEquivalents(QueryGraph graph) {
        Map<Occurrence, String> found = new LinkedHashMap<>();
        if (graph.keyExpression() != null) {
            // A computed key equals no column: only its own occurrence yields it.
            found.put(graph.keyExpression().occurrence(), graph.keyExpression().columns().get(0));
            return found;
        }
        Set<ColumnRef> seen = new HashSet<>();
        Deque<ColumnRef> queue = new ArrayDeque<>();
        queue.add(graph.key());
        seen.add(graph.key());
        // A UNION ALL: each branch's key column is the key too.
        for (ColumnRef k : graph.branchKeys()) {
            if (seen.add(k)) {
                queue.add(k);
            }
        }
        while (!queue.isEmpty()) {
            ColumnRef c = queue.poll();
            if (!c.occurrence().limited()) {
                found.putIfAbsent(c.occurrence(), c.column());
            }
            for (Edge e : graph.edges()) {
                ColumnRef other = e.a().equals(c) ? e.b() : e.b().equals(c) ? e.a() : null;
                if (other != null && seen.add(other)) {
                    queue.add(other);
                }
            }
        }
        return found;
    }

    private static OccurrenceMapping mapOne(QueryGraph graph, Occurrence start, Map<Occurrence, String> keyColumns,
                                            boolean isTview) {
        if (start.limited()) {
            return new OccurrenceMapping(start, MappingKind.ALL_KEYS, List.of(), null);
        }
        MappingKind linked = isTview ? MappingKind.TVIEW : MappingKind.MAPPED;
        if (keyColumns.containsKey(start)) {
            return new OccurrenceMapping(start, isTview ? MappingKind.TVIEW : MappingKind.LOCAL, List.of(),
                    new ColumnRef(start, keyColumns.get(start)), graph.keyExpression());
        }
        // Breadth-first over occurrences; each edge is a join step.
        Map<Occurrence, Hop> reachedBy = new HashMap<>();
        Deque<Occurrence> queue = new ArrayDeque<>();
        queue.add(start);
        reachedBy.put(start, null);
        while (!queue.isEmpty()) {
            Occurrence o = queue.poll();
            if (keyColumns.containsKey(o)) {
                List<Hop> path = new ArrayList<>();
                for (Occurrence at = o; reachedBy.get(at) != null; at = reachedBy.get(at).from().occurrence()) {
                    path.add(0, reachedBy.get(at));
                }
                return new OccurrenceMapping(start, linked, List.copyOf(path), new ColumnRef(o, keyColumns.get(o)),
                        graph.keyExpression());
            }
            for (Edge e : graph.edges()) {
                if (!e.touches(o)) {
                    continue;
                }
                ColumnRef next = e.otherSide(o);
                if (!next.occurrence().limited() && !reachedBy.containsKey(next.occurrence())) {
                    reachedBy.put(next.occurrence(), new Hop(e.sideOf(o), next));
                    queue.add(next.occurrence());
                }
            }
        }
        return new OccurrenceMapping(start, MappingKind.ALL_KEYS, List.of(), null);
    }
}
