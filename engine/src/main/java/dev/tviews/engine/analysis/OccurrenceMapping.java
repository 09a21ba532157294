package dev.tviews.engine.analysis;

import dev.tviews.sql.Identifiers;

import java.util.List;

/**
 * How one occurrence's changed rows map to keys: follow {@code path} from the changed rows, then
 * read the key from {@code keySource}, a column on the path's last occurrence that equals the key,
 * or compute it with {@code keyExpression} on that occurrence's rows (null for a column key).
 */
public record OccurrenceMapping(Occurrence occurrence, MappingKind kind, List<Hop> path, ColumnRef keySource,
                                KeyExpression keyExpression) {

    public OccurrenceMapping(Occurrence occurrence, MappingKind kind, List<Hop> path, ColumnRef keySource) {
        this(occurrence, kind, path, keySource, null);
    }

    /** The columns of the key's occurrence that the key is read or computed from. */
    public List<String> keyColumns() {
        return keyExpression != null ? keyExpression.columns() : keySource == null ? List.of() : List.of(keySource.column());
    }

    /** The key over the row of the path's last occurrence, aliased {@code alias}. */
    public String keySql(String alias) {
        return keyExpression != null ? "(" + keyExpression.sql(alias) + ")" : alias + "." + Identifiers.quote(keySource.column());
    }

    /** A readable account for the catalog and for error messages. */
    public String describe() {
        if (kind == MappingKind.ALL_KEYS) {
            return occurrence + ": all keys (no equality links it to the key)";
        }
        StringBuilder sb = new StringBuilder(occurrence + ": " + kind.name().toLowerCase());
        for (Hop h : path) {
            sb.append(", join ").append(h.to().occurrence().relation()).append(" on ").append(h.to().column())
                    .append(" = ").append(h.from());
        }
        return sb.append(", key = ").append(keyExpression != null ? keyExpression : keySource).toString();
    }
}
