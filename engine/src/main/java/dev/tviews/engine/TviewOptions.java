package dev.tviews.engine;

import java.util.Optional;

/**
 * Options of one TVIEW.
 *
 * @param keyColumn        the key column; by default {@code pk_<entity>} for {@code tv_<entity>}
 * @param fullRefreshOnUntraceable when a source relation cannot be linked to keys, refresh the
 *                         whole TVIEW on its changes instead of refusing the definition
 * @param ginIndexOnData   add a GIN index on {@code data} (it prevents HOT updates, so it is off by default)
 * @param batch            queue keys and refresh once just before commit, instead of after each
 *                         statement (no read-your-writes inside the transaction); a transaction
 *                         overrides it with {@code SET LOCAL tviews.batch = on|off}
 * @param partitioning     create the tv_* table partitioned on a column of the definition
 */
public record TviewOptions(Optional<String> keyColumn, boolean fullRefreshOnUntraceable, boolean ginIndexOnData,
                           boolean batch, Optional<Partitioning> partitioning) {

    public static TviewOptions defaults() {
        return new TviewOptions(Optional.empty(), false, false, false, Optional.empty());
    }

    public TviewOptions withKeyColumn(String key) {
        return new TviewOptions(Optional.of(key), fullRefreshOnUntraceable, ginIndexOnData, batch, partitioning);
    }

    public TviewOptions withFullRefreshOnUntraceable() {
        return new TviewOptions(keyColumn, true, ginIndexOnData, batch, partitioning);
    }

    public TviewOptions withGinIndexOnData() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, true, batch, partitioning);
    }

    public TviewOptions withBatch() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, true, partitioning);
    }

    public TviewOptions withPartitioning(Partitioning p) {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, batch, Optional.of(p));
    }
}
