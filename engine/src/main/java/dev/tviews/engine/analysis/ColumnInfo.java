package dev.tviews.engine.analysis;

/** A column of a relation, with its SQL type as {@code format_type} writes it. */
public record ColumnInfo(String name, int number, String type) {

    /**
     * Whether values of this type can be compared with {@code IS DISTINCT FROM}; json, xml and
     * the geometric types have no equality operator and are compared as text.
     */
    public boolean hasEquality() {
        String base = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
        return !switch (base) {
            case "json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle" -> true;
            default -> false;
        };
    }
}
