package dev.tviews.scenarios.generate;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from one seed and names. */
public final class Seeds {

    private Seeds() {
    }

    public static SplittableRandom stream(long seed, String... names) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (String name : names) {
            for (int i = 0; i < name.length(); i++) {
                h = mix(h ^ name.charAt(i));
            }
            h = mix(h ^ 0x5bd1e995L);
        }
        return new SplittableRandom(h);
    }

    public static SplittableRandom stream(long seed, long index) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
    }

    /** The finaliser of MurmurHash3: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
