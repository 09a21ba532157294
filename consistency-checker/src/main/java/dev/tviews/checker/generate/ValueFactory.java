package dev.tviews.checker.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Values for columns by type, drawn from the run's seeded generator: most look like the values a
 * column already holds (so CHECK constraints mostly pass and groups collide), some are new, a few
 * are awkward (quotes, backslashes, non-ASCII letters, empty strings). Fresh values for unique
 * columns come from a counter and never repeat within a run.
 */
final class ValueFactory {

    private static final List<String> WORDS = List.of("alder", "birch", "cedar", "delta", "ember", "fjord", "grove",
            "harbor", "iris", "juniper", "kestrel", "lumen", "maple", "nectar", "orchid", "pebble", "quill", "raven",
            "sable", "thistle", "umber", "violet", "willow", "yarrow", "zephyr");
    private static final List<String> AWKWARD = List.of("O'Brien", "back\\slash", "Zoë & Chloé", "naïve café", "",
            " padded ", "tab\there", "\"quoted\"", "日本語", "emoji ✓", "percent % and _under");
    private static final Set<String> SUPPORTED = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool",
            "text", "varchar", "bpchar", "citext", "name", "uuid", "date", "timestamp", "timestamptz", "time", "interval",
            "json", "jsonb", "bytea", "inet", "cidr", "money", "oid");
    private static final LocalDate EPOCH = LocalDate.of(2015, 1, 1);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SplittableRandom random;
    private long counter;

    ValueFactory(SplittableRandom random) {
        this.random = random;
    }

    /** Whether values of this column's type can be made up (enums and arrays of supported types included). */
    static boolean supports(ColumnModel c) {
        if ("e".equals(c.typeKind())) {
            return !c.enumLabels().isEmpty();
        }
        if ("A".equals(c.category())) {
            return c.elementType() != null && SUPPORTED.contains(c.elementType()) && !c.elementType().equals("bytea");
        }
        return SUPPORTED.contains(c.baseType());
    }

    /**
     * A plausible value: mostly one seen in the column, else a new one of its type. For columns a
     * CHECK constraint restricts, new values are rare (most would be refused).
     */
    Value plausible(ColumnModel c, List<String> sample, boolean checked) {
        double r = random.nextDouble();
        double seen = checked ? 0.6 : 0.5;
        double inRange = checked ? 0.98 : 0.8;
        if (!sample.isEmpty() && (r < seen || (checked && !c.isInteger() && r < inRange))) {
            return Value.of(c, sample.get(random.nextInt(sample.size())));
        }
        if (!sample.isEmpty() && c.isInteger() && r < inRange) {
            long[] range = range(sample);
            return Value.of(c, Long.toString(range[0] + random.nextLong(range[1] - range[0] + 1)));
        }
        return Value.of(c, fresh(c, false));
    }

    /** A value that no row has had in this run (for unique columns). */
    Value unique(ColumnModel c) {
        return Value.of(c, fresh(c, true));
    }

    long nextCounter() {
        return ++counter;
    }

    private String fresh(ColumnModel c, boolean unique) {
        if ("e".equals(c.typeKind())) {
            return c.enumLabels().get(random.nextInt(c.enumLabels().size()));
        }
        if ("A".equals(c.category())) {
            int n = random.nextInt(4);
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < n; i++) {
                String element = scalar(c.elementType(), -1, -1, unique && i == 0);
                sb.append(i == 0 ? "" : ",").append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return sb.append('}').toString();
        }
        return scalar(c.baseType(), c.typmod(), c.maxLength(), unique);
    }

    private String scalar(String type, int typmod, int maxLength, boolean unique) {
        long n = unique ? nextCounter() : 0;
        return switch (type) {
            case "int2" -> Long.toString(unique ? 20_000 + n % 10_000 : random.nextInt(0, 1000));
            case "int4", "oid" -> Long.toString(unique ? 1_000_000_000L + n : random.nextInt(0, 10_000));
            // Beyond 2^31, so that a bigint key squeezed through an int anywhere fails.
            case "int8" -> Long.toString(unique ? 5_000_000_000L + n : random.nextInt(0, 10_000));
            case "numeric", "money" -> numeric(typmod, unique ? n : -1);
            case "float4", "float8" -> floating();
            case "bool" -> random.nextBoolean() ? "true" : "false";
            case "uuid" -> uuid();
            case "date" -> EPOCH.plusDays(unique ? 5000 + n : random.nextInt(4000)).toString();
            case "timestamp", "timestamptz" -> TIMESTAMP.format(LocalDateTime.of(EPOCH, java.time.LocalTime.MIDNIGHT)
                    .plusSeconds(unique ? 400_000_000L + n : random.nextLong(350_000_000L)))
                    + (type.equals("timestamptz") ? "+00" : "");
            case "time" -> String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            case "interval" -> (unique ? 100_000 + n : random.nextInt(1, 10_000)) + " minutes";
            case "json", "jsonb" -> json(unique ? n : -1);
            case "bytea" -> "\\x" + String.format(Locale.ROOT, "%08x", unique ? 0x10000 + n : random.nextLong(0x10000));
            case "inet" -> "10." + (unique ? (n >> 16) & 255 : random.nextInt(256)) + "." + (unique ? (n >> 8) & 255 : random.nextInt(256))
                    + "." + (unique ? n & 255 : random.nextInt(256));
            case "cidr" -> "10." + (unique ? n & 255 : random.nextInt(256)) + ".0.0/16";
            default -> text(maxLength, unique ? n : -1);
        };
    }

    private String numeric(int typmod, long unique) {
        int precision = typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : -1;
        int scale = typmod >= 4 ? (typmod - 4) & 0xffff : random.nextInt(0, 4);
        int integerDigits = precision > 0 ? Math.max(0, Math.min(5, precision - scale)) : 5;
        long bound = (long) Math.pow(10, integerDigits);
        long whole = unique >= 0 ? (bound / 2 + unique) % Math.max(1, bound) : random.nextLong(Math.max(1, bound));
        BigDecimal v = BigDecimal.valueOf(whole).add(BigDecimal.valueOf(random.nextLong((long) Math.pow(10, scale)), scale));
        if (bound > 0 && v.compareTo(BigDecimal.valueOf(bound)) >= 0) {
            v = BigDecimal.valueOf(bound).subtract(BigDecimal.ONE.movePointLeft(scale));
        }
        return v.setScale(scale, RoundingMode.DOWN).toPlainString();
    }

    private String floating() {
        return switch (random.nextInt(8)) {
            case 0 -> "0.1";
            case 1 -> "1e-7";
            case 2 -> "123456.789";
            default -> Double.toString(Math.round(random.nextDouble() * 1_000_000) / 1000.0);
        };
    }

    private String uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb).toString();
    }

    private String json(long unique) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        return "{\"n\": " + (unique >= 0 ? unique : random.nextInt(100)) + ", \"tags\": [\"" + word + "\", \"" + WORDS.get(random.nextInt(WORDS.size()))
                + "\"], \"ok\": " + random.nextBoolean() + ", \"x\": " + (random.nextInt(10) == 0 ? "null" : "1.50") + "}";
    }

    private String text(int maxLength, long unique) {
        String s;
        if (unique >= 0) {
            s = "k" + Long.toString(unique, 36) + "-" + WORDS.get(random.nextInt(WORDS.size()));
        } else if (random.nextInt(10) == 0) {
            s = AWKWARD.get(random.nextInt(AWKWARD.size()));
        } else {
            int words = random.nextInt(1, 4);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                sb.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
            }
            s = sb.toString();
        }
        return maxLength > 0 && s.length() > maxLength ? s.substring(0, maxLength) : s;
    }

    private static long[] range(List<String> sample) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (String s : sample) {
            try {
                long v = Long.parseLong(s);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            } catch (NumberFormatException e) {
                // not an integer after all: ignore
            }
        }
        return lo > hi ? new long[]{0, 1000} : new long[]{lo, hi};
    }
}
