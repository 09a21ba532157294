package dev.tviews.engine;

import java.util.List;
import java.util.Optional;

/**
 * Options of one TVIEW.
 *
 * @param keyColumn        the key column; by default {@code pk_<entity>} for {@code tv_<entity>}. A
 *                         composite key is its columns separated by commas ({@code day, fk_category},
 *                         see {@link #keyColumns()}): a change refreshes every row sharing the first
 *                         column's value, so the most selective column goes first
 * @param fullRefreshOnUntraceable when a source relation cannot be linked to keys, refresh the
 *                         whole TVIEW on its changes instead of refusing the definition
 * @param ginIndexOnData   add a GIN index on {@code data} (it prevents HOT updates, so it is off by default)
 * @param batch            queue keys and refresh once just before commit, instead of after each
 *                         statement (no read-your-writes inside the transaction); a transaction
 *                         overrides it with {@code SET LOCAL tviews.batch = on|off}
 * @param partitioning     create the tv_* table partitioned on a column of the definition
 * @param uniqueId         make {@code id} unique even where the sources' constraints do not prove it
 *                         unique: a transaction whose writes leave two rows of the TVIEW with one
 *                         id then fails at commit (23505), though its sources accept it
 * @param extraSources     tables the definition reads through functions that are not IMMUTABLE
 *                         (PostgreSQL records no dependency on them): a change to one of them
 *                         refreshes the whole TVIEW; without them such functions are refused
 */
public record TviewOptions(Optional<String> keyColumn, boolean fullRefreshOnUntraceable, boolean ginIndexOnData,
                           boolean batch, Optional<Partitioning> partitioning, boolean uniqueId,
                           List<String> extraSources) {

    public TviewOptions {
        extraSources = extraSources == null ? List.of() : List.copyOf(extraSources);
    }

    public TviewOptions(Optional<String> keyColumn, boolean fullRefreshOnUntraceable, boolean ginIndexOnData,
                        boolean batch, Optional<Partitioning> partitioning, boolean uniqueId) {
        this(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, batch, partitioning, uniqueId, List.of());
    }

    public static TviewOptions defaults() {
        return new TviewOptions(Optional.empty(), false, false, false, Optional.empty(), false, List.of());
    }

    /** Declares the tables that functions of the definition read (see {@link #extraSources}). */
    public TviewOptions withExtraSources(List<String> tables) {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, batch, partitioning, uniqueId, tables);
    }

    /** A composite key (see {@link #keyColumns()}). */
    public TviewOptions withKeyColumns(List<String> columns) {
        return withKeyColumn(String.join(", ", columns));
    }

    /** The key's columns, in order; empty for the default key. */
    public List<String> keyColumns() {
        return keyColumn.map(k -> java.util.Arrays.stream(k.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    public TviewOptions withKeyColumn(String key) {
        return new TviewOptions(Optional.of(key), fullRefreshOnUntraceable, ginIndexOnData, batch, partitioning, uniqueId, extraSources);
    }

    public TviewOptions withFullRefreshOnUntraceable() {
        return new TviewOptions(keyColumn, true, ginIndexOnData, batch, partitioning, uniqueId, extraSources);
    }

    public TviewOptions withGinIndexOnData() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, true, batch, partitioning, uniqueId, extraSources);
    }

    public TviewOptions withBatch() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, true, partitioning, uniqueId, extraSources);
    }

    public TviewOptions withPartitioning(Partitioning p) {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, batch, Optional.of(p), uniqueId, extraSources);
    }

    public TviewOptions withUniqueId() {
        return new TviewOptions(keyColumn, fullRefreshOnUntraceable, ginIndexOnData, batch, partitioning, true, extraSources);
    }
}
