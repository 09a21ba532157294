package dev.tviews.engine;

/**
 * A TVIEW to create: the name of its {@code tv_*} table ({@code tv_post} or {@code schema.tv_post},
 * quoted parts allowed) and the one {@code SELECT} that defines its rows.
 */
public record TviewDefinition(String name, String select, TviewOptions options) {

    public TviewDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A TVIEW needs a name, e.g. tv_post");
        }
        if (select == null || select.isBlank()) {
            throw new IllegalArgumentException("TVIEW " + name + " needs a SELECT");
        }
        options = options == null ? TviewOptions.defaults() : options;
    }

    public static TviewDefinition of(String name, String select) {
        return new TviewDefinition(name, select, TviewOptions.defaults());
    }
}
