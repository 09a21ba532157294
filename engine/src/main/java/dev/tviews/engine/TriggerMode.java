package dev.tviews.engine;

/** How the engine's triggers fire; one mode for the whole database, as in pg_tviews. */
public enum TriggerMode {
    /** {@code FOR EACH STATEMENT} with transition tables: set-based, the default. */
    STATEMENT("statement"),
    /** {@code FOR EACH ROW}: one refresh per changed row. */
    ROW("row");

    private final String sqlName;

    TriggerMode(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    public static TriggerMode fromSql(String value) {
        for (TriggerMode m : values()) {
            if (m.sqlName.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown trigger mode '" + value + "': use statement or row");
    }
}
