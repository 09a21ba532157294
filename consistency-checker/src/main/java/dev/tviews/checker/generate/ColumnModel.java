package dev.tviews.checker.generate;

import java.util.List;

/**
 * A column as the generator sees it.
 *
 * @param declaredType as {@code format_type} prints it, e.g. {@code numeric(10,2)} or a domain's name
 * @param baseType     the type's name in pg_type after looking through a domain, e.g. {@code int4}
 * @param category     pg_type.typcategory of the base type ({@code N} numeric, {@code S} string, {@code A} array, …)
 * @param typeKind     pg_type.typtype of the base type ({@code b} base, {@code e} enum, …)
 * @param typmod       the type modifier (length of varchar, precision and scale of numeric), -1 if none
 * @param defaultExpr  the default expression, or null
 * @param identity     {@code a} GENERATED ALWAYS AS IDENTITY, {@code d} BY DEFAULT, empty if not an identity
 * @param generated    a generated (computed) column, never written
 * @param enumLabels   labels of an enum type, empty otherwise
 * @param elementType  the element type of an array, or null
 */
public record ColumnModel(int number, String name, String declaredType, String baseType, String category,
                          String typeKind, int typmod, boolean notNull, String defaultExpr, String identity,
                          boolean generated, List<String> enumLabels, String elementType) {

    public ColumnModel {
        enumLabels = List.copyOf(enumLabels);
    }

    public boolean identityAlways() {
        return "a".equals(identity);
    }

    public boolean isIdentity() {
        return identity != null && !identity.isEmpty();
    }

    /** Gets a fresh value by itself: an identity or a sequence default ({@code serial}). */
    public boolean numberedByDatabase() {
        return isIdentity() || (defaultExpr != null && defaultExpr.contains("nextval("));
    }

    public boolean hasDefault() {
        return defaultExpr != null || isIdentity();
    }

    /** Numbers and booleans are written bare in SQL; everything else as a quoted literal. */
    public boolean bareLiteral() {
        return "N".equals(category) || "B".equals(category);
    }

    public boolean isInteger() {
        return baseType.equals("int2") || baseType.equals("int4") || baseType.equals("int8");
    }

    /** Maximum length of varchar(n) / char(n), or -1. */
    public int maxLength() {
        return (baseType.equals("varchar") || baseType.equals("bpchar")) && typmod > 4 ? typmod - 4 : -1;
    }
}
