package dev.tviews.scenarios.validation;

import java.sql.Types;

/** The {@link Types} code JDBC binds a generator's SQL type with. */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    public static int of(String sqlType) {
        if (sqlType == null) {
            return Types.OTHER;
        }
        return switch (sqlType) {
            case "bigint", "int8" -> Types.BIGINT;
            case "integer", "int4" -> Types.INTEGER;
            case "smallint", "int2" -> Types.SMALLINT;
            case "numeric" -> Types.NUMERIC;
            case "double precision", "float8" -> Types.DOUBLE;
            case "boolean", "bool" -> Types.BOOLEAN;
            case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "text", "varchar" -> Types.VARCHAR;
            default -> sqlType.endsWith("[]") ? Types.ARRAY : Types.OTHER;
        };
    }
}
