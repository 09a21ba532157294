package dev.tviews.scenarios.workload;

import dev.tviews.scenarios.generate.ZipfSampler;
import dev.tviews.scenarios.model.Distribution;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The live keys of one table during a run, so that parameters only draw keys that exist.
 *
 * <p>Keys sit in an array in ascending order of arrival (the loaded keys ascending, then keys that
 * INSERT … RETURNING reported); Zipf rank k is position k, so the hot keys stay the same while keys
 * come and go. Deleted keys become tombstones (compacted when they are half the array) and are
 * drawn around. Keys are leased for the length of a transaction: a key that an operation is about
 * to delete is leased exclusively, so no concurrent operation uses it, and it is never drawn again
 * after the delete commits. Drawing never waits: a key that cannot be leased is drawn again.
 *
 * <p>Not tracked: rows removed by {@code ON DELETE CASCADE} or by statements that do not return
 * the key. Such stale keys make UPDATEs and DELETEs match no row (harmless) and INSERTs that
 * reference them fail with a foreign-key violation (counted as an error of SQLSTATE 23503).
 */
public final class KeyPool {

    private static final int MAX_DRAWS = 64;

    private final String table;
    private long[] keys;
    private int size;
    private final Set<Long> removed = new HashSet<>();
    /** Shared lease count per key, or -1 while leased exclusively. */
    private final Map<Long, Integer> leases = new HashMap<>();

    public KeyPool(String table, long[] ascendingKeys) {
        this.table = table;
        this.keys = Arrays.copyOf(ascendingKeys, Math.max(16, ascendingKeys.length + ascendingKeys.length / 8));
        this.size = ascendingKeys.length;
    }

    public String table() {
        return table;
    }

    public synchronized int liveCount() {
        return size - removed.size();
    }

    /** Draws and leases a key; empty when none could be leased (the table is empty or every try was taken). */
    public synchronized OptionalLong lease(SplittableRandom random, Distribution distribution, boolean exclusive) {
        if (liveCount() == 0) {
            return OptionalLong.empty();
        }
        for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
            int position = distribution instanceof Distribution.Zipf z
                    ? (int) ZipfSampler.rank(random, size, z.skew()) - 1
                    : random.nextInt(size);
            long key = keys[position];
            if (!removed.contains(key) && tryLease(key, exclusive)) {
                return OptionalLong.of(key);
            }
        }
        return OptionalLong.empty();
    }

    private boolean tryLease(long key, boolean exclusive) {
        Integer held = leases.get(key);
        if (exclusive) {
            if (held != null) {
                return false;
            }
            leases.put(key, -1);
            return true;
        }
        if (held != null && held < 0) {
            return false;
        }
        leases.put(key, held == null ? 1 : held + 1);
        return true;
    }

    public synchronized void release(long key, boolean exclusive) {
        Integer held = leases.get(key);
        if (held == null) {
            return;
        }
        if (exclusive || held <= 1) {
            leases.remove(key);
        } else {
            leases.put(key, held - 1);
        }
    }

    /** A key created by a committed transaction. */
    public synchronized void add(long key) {
        if (removed.remove(key)) {
            return; // a key that came back (e.g. re-inserted with OVERRIDING SYSTEM VALUE) is still in the array
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size++] = key;
    }

    /** A key deleted by a committed transaction. */
    public synchronized void remove(long key) {
        removed.add(key);
        if (removed.size() > 1024 && removed.size() * 2 > size) {
            compact();
        }
    }

    private void compact() {
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (!removed.contains(keys[i])) {
                keys[j++] = keys[i];
            }
        }
        size = j;
        removed.clear();
    }
}
