package dev.tviews.scenarios.generate;

import dev.tviews.scenarios.model.Generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Produces the values of a generator that needs no keys. Values are Java objects that JDBC binds
 * with the generator's SQL type and that {@link CopyText} writes for COPY.
 */
@FunctionalInterface
public interface ValueGenerator {

    /**
     * The next value.
     *
     * @param sequence a number unique to this value's row (data load) or transaction (workload), for {@code sequence:}
     */
    Object next(SplittableRandom random, long sequence);

    /** A generator for every kind but {@code key:}, which needs a key source. */
    static ValueGenerator of(Generator generator) {
        if (generator instanceof Generator.Nullable n) {
            ValueGenerator inner = of(n.inner());
            double p = n.probability();
            return (r, s) -> r.nextDouble() < p ? null : inner.next(r, s);
        }
        if (generator instanceof Generator.RandomInt g) {
            long span = g.max() - g.min() + 1;
            return (r, s) -> span <= 0 ? r.nextLong() : g.min() + r.nextLong(span);
        }
        if (generator instanceof Generator.RandomDecimal g) {
            BigDecimal unit = BigDecimal.ONE.movePointLeft(g.scale());
            long steps = g.max().subtract(g.min()).divide(unit, 0, RoundingMode.FLOOR).longValueExact();
            BigDecimal base = g.min().setScale(g.scale(), RoundingMode.CEILING);
            return (r, s) -> base.add(BigDecimal.valueOf(r.nextLong(steps + 1), g.scale())).min(g.max().setScale(g.scale(), RoundingMode.FLOOR));
        }
        if (generator instanceof Generator.RandomDouble g) {
            return (r, s) -> g.min() + r.nextDouble() * (g.max() - g.min());
        }
        if (generator instanceof Generator.RandomBool g) {
            return (r, s) -> r.nextDouble() < g.probability();
        }
        if (generator instanceof Generator.RandomTimestamp g) {
            long min = g.min().getEpochSecond();
            long span = g.max().getEpochSecond() - min + 1;
            return (r, s) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(min + r.nextLong(span)), ZoneOffset.UTC);
        }
        if (generator instanceof Generator.Words g) {
            return (r, s) -> words(r, g.min() + r.nextInt(g.max() - g.min() + 1));
        }
        if (generator instanceof Generator.Chars g) {
            return (r, s) -> chars(r, g.min() + r.nextInt(g.max() - g.min() + 1));
        }
        if (generator instanceof Generator.RandomUuid) {
            return (r, s) -> uuid(r);
        }
        if (generator instanceof Generator.Sequence g) {
            int at = g.format().indexOf("%d");
            String head = g.format().substring(0, at);
            String tail = g.format().substring(at + 2);
            return (r, s) -> head + s + tail;
        }
        if (generator instanceof Generator.Choice g) {
            return (r, s) -> g.values().get(r.nextInt(g.values().size()));
        }
        if (generator instanceof Generator.Constant g) {
            return (r, s) -> g.value();
        }
        throw new IllegalArgumentException(generator + " draws keys; use a key source for it");
    }

    static String words(SplittableRandom r, int count) {
        StringBuilder sb = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WordList.WORDS[r.nextInt(WordList.WORDS.length)]);
        }
        return sb.toString();
    }

    static String chars(SplittableRandom r, int count) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** A version 4 UUID from the seeded generator, so loads are reproducible (gen_random_uuid() would not be). */
    static UUID uuid(SplittableRandom r) {
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
