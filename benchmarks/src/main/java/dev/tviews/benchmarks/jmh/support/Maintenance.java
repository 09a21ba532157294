package dev.tviews.benchmarks.jmh.support;

import java.sql.SQLException;

/**
 * What a benchmark's write does in its transaction to keep one read model fresh: the hand-written
 * upsert for the hand-written strategy, nothing for every other (their triggers or refreshes do it).
 */
public interface Maintenance {

    Maintenance NONE = new Maintenance() {
        @Override
        public void upsert(long value) {
        }

        @Override
        public void upsert(long[] values) {
        }

        @Override
        public void upsertRange(long from, long to) {
        }

        @Override
        public void delete(long[] keys) {
        }

        @Override
        public void deleteRange(long from, long to) {
        }
    };

    void upsert(long value) throws SQLException;

    void upsert(long[] values) throws SQLException;

    void upsertRange(long from, long to) throws SQLException;

    void delete(long[] keys) throws SQLException;

    void deleteRange(long from, long to) throws SQLException;

    static Maintenance of(KeyedUpsert upsert) {
        return new Maintenance() {
            @Override
            public void upsert(long value) throws SQLException {
                upsert.upsert(value);
            }

            @Override
            public void upsert(long[] values) throws SQLException {
                upsert.upsert(values);
            }

            @Override
            public void upsertRange(long from, long to) throws SQLException {
                upsert.upsertRange(from, to);
            }

            @Override
            public void delete(long[] keys) throws SQLException {
                upsert.delete(keys);
            }

            @Override
            public void deleteRange(long from, long to) throws SQLException {
                upsert.deleteRange(from, to);
            }
        };
    }
}
