package dev.tviews.checker.oracle;

import dev.tviews.database.freshness.FreshnessCheck;
import dev.tviews.sql.Identifiers;

/**
 * A read model to check: a relation that should hold, one row per key, exactly what a SELECT
 * returns now.
 *
 * @param name          the name shown in reports, e.g. {@code tv_post}
 * @param relationSql   the relation as SQL, quoted where needed (e.g. {@code "tv_post"} or {@code app."tv_post"})
 * @param keyColumn     the column that identifies a row
 * @param definitionSql the defining SELECT (without a trailing semicolon)
 * @param definitionText the definition as its author wrote it, read for traits such as unordered
 *                       aggregates (usually the same as {@code definitionSql})
 */
public record OracleTarget(String name, String relationSql, String keyColumn, String definitionSql,
                           String definitionText) {

    public OracleTarget {
        if (keyColumn == null || keyColumn.isBlank()) {
            throw new IllegalArgumentException("read model " + name + " needs a key column");
        }
        definitionSql = FreshnessCheck.stripTrailingSemicolons(definitionSql);
    }

    /** A read model named {@code relation} (unqualified, or {@code schema.table}) defined by {@code select}. */
    public static OracleTarget of(String relation, String keyColumn, String select) {
        String sql = relation.contains(".") && !relation.contains("\"")
                ? Identifiers.quote(relation.substring(0, relation.indexOf('.'))) + "."
                + Identifiers.quote(relation.substring(relation.indexOf('.') + 1))
                : Identifiers.quote(relation);
        return new OracleTarget(relation, sql, keyColumn, select, select);
    }
}
