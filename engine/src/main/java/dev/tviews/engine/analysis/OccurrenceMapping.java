package dev.tviews.engine.analysis;

import java.util.List;

/**
 * How one occurrence's changed rows map to keys: follow {@code path} from the changed rows, then
 * read the key from {@code keySource}, a column on the path's last occurrence that equals the key.
 */
public record OccurrenceMapping(Occurrence occurrence, MappingKind kind, List<Hop> path, ColumnRef keySource) {

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
        return sb.append(", key = ").append(keySource).toString();
    }
}
