package dev.tviews.engine;

import java.util.Optional;

/**
 * Options of one TVIEW.
 *
 * @param keyColumn        the key column; by default {@code pk_<entity>} for {@code tv_<entity>}
 * @param fullRefreshOnUntraceable when a source relation cannot be linked to keys, refresh the
 *                         whole TVIEW on its changes instead of refusing the definition
 * @param ginIndexOnData   add a GIN index on {@code data} (it prevents HOT updates, so it is off by default)
 */
public record TviewOptions(Optional<String> keyColumn, boolean fullRefreshOnUntraceable, boolean ginIndexOnData) {

    public static TviewOptions defaults() {
        return new TviewOptions(Optional.empty(), false, false);
    }

    public TviewOptions withKeyColumn(String key) {
        return new TviewOptions(Optional.of(key), fullRefreshOnUntraceable, ginIndexOnData);
    }

    public TviewOptions withFullRefreshOnUntraceable() {
        return new TviewOptions(keyColumn, true, ginIndexOnData);
    }

    public TviewOptions withGinIndexOnData() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, true);
    }
}
