package dev.tviews.scenarios;

import dev.tviews.scenarios.generate.ZipfSampler;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ZipfSamplerTest {

    @Test
    void ranksStayInRangeAndTheHeadIsHot() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 1000;
        int[] counts = new int[n + 1];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            long rank = ZipfSampler.rank(random, n, 1.1);
            assertThat(rank).isBetween(1L, (long) n);
            counts[(int) rank]++;
        }
        // P(1) = (1 - 2^-0.1) / (1 - 1001^-0.1), about 0.13 for skew 1.1 over 1,000 keys.
        assertThat(counts[1] / (double) draws).isBetween(0.11, 0.15);
        assertThat(counts[1]).isGreaterThan(counts[2]).isGreaterThan(counts[10]);
        assertThat(counts[10]).isGreaterThan(counts[500]);
    }

    @Test
    void sameSeedSameRanks() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(ZipfSampler.rank(a, 5000, 0.8)).isEqualTo(ZipfSampler.rank(b, 5000, 0.8));
        }
    }
}
