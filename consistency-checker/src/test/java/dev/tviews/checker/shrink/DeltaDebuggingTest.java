package dev.tviews.checker.shrink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaDebuggingTest {

    private static final List<Integer> LOG = IntStream.range(0, 300).boxed().toList();

    /** Fails when the three scattered elements a failure needs are all there, as a bug needing three statements. */
    private static boolean needsThree(List<Integer> candidate) {
        return candidate.containsAll(Set.of(3, 170, 299));
    }

    @Test
    void findsExactlyTheElementsTheFailureNeeds() throws Exception {
        DeltaDebugging.Result<Integer> r = DeltaDebugging.minimize(LOG, DeltaDebuggingTest::needsThree, 1000);
        assertThat(r.complete()).isTrue();
        assertThat(r.result()).containsExactly(3, 170, 299);
        // 1-minimal: without any one of them, the failure is gone.
        for (int i = 0; i < r.result().size(); i++) {
            List<Integer> without = new ArrayList<>(r.result());
            without.remove(i);
            assertThat(needsThree(without)).isFalse();
        }
    }

    @Test
    void stopsAtItsBudgetAndSaysSo() throws Exception {
        DeltaDebugging.Result<Integer> r = DeltaDebugging.minimize(LOG, DeltaDebuggingTest::needsThree, 5);
        assertThat(r.complete()).isFalse();
        assertThat(r.tests()).isEqualTo(5);
        assertThat(needsThree(r.result())).isTrue();
    }

    @Test
    void theShortestFailingSuffixIsFoundByBisection() throws Exception {
        int[] tests = {0};
        DeltaDebugging.Result<Integer> r = DeltaDebugging.shortestSuffix(LOG, c -> {
            tests[0]++;
            return c.contains(170) && c.contains(299);
        });
        assertThat(r.result()).first().isEqualTo(170);
        assertThat(r.result()).last().isEqualTo(299);
        assertThat(tests[0]).isLessThan(20);
    }
}
