package dev.tviews.scenarios.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Where a column's or a parameter's values come from. Each generator has an SQL type: the type
 * its values are bound with (and checked with at {@code PREPARE}).
 */
public sealed interface Generator {

    /** The SQL type values are bound as, e.g. {@code bigint}. */
    String sqlType();

    /**
     * An existing key of {@code table} (its single integer primary key). {@code count > 1} binds a
     * {@code bigint[]} of distinct keys. {@code delete} marks the key as deleted by the operation:
     * no other operation uses it meanwhile, and it is no longer drawn after the commit.
     */
    record Key(String table, Distribution distribution, int count, boolean delete) implements Generator {
        @Override
        public String sqlType() {
            return count > 1 ? "bigint[]" : "bigint";
        }
    }

    record RandomInt(long min, long max) implements Generator {
        @Override
        public String sqlType() {
            return "bigint";
        }
    }

    record RandomDecimal(BigDecimal min, BigDecimal max, int scale) implements Generator {
        @Override
        public String sqlType() {
            return "numeric";
        }
    }

    record RandomDouble(double min, double max) implements Generator {
        @Override
        public String sqlType() {
            return "double precision";
        }
    }

    record RandomBool(double probability) implements Generator {
        @Override
        public String sqlType() {
            return "boolean";
        }
    }

    record RandomTimestamp(Instant min, Instant max) implements Generator {
        @Override
        public String sqlType() {
            return "timestamptz";
        }
    }

    /** Between {@code min} and {@code max} words from a built-in word list, separated by spaces. */
    record Words(int min, int max) implements Generator {
        @Override
        public String sqlType() {
            return "text";
        }
    }

    /** Between {@code min} and {@code max} random lower-case letters and digits. */
    record Chars(int min, int max) implements Generator {
        @Override
        public String sqlType() {
            return "text";
        }
    }

    /** A random (version 4) UUID drawn from the seeded generator. */
    record RandomUuid() implements Generator {
        @Override
        public String sqlType() {
            return "uuid";
        }
    }

    /** {@code format} with {@code %d} replaced by a number unique within the load (the row number) or the run. */
    record Sequence(String format) implements Generator {
        @Override
        public String sqlType() {
            return "text";
        }
    }

    /** One of the given strings, equally likely. */
    record Choice(List<String> values) implements Generator {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String sqlType() {
            return "text";
        }
    }

    /** Always the same value; its type is {@code sqlType}. */
    record Constant(Object value, String sqlType) implements Generator {
    }

    /** {@code inner}, or SQL NULL with probability {@code probability}. */
    record Nullable(Generator inner, double probability) implements Generator {
        @Override
        public String sqlType() {
            return inner.sqlType();
        }
    }
}
