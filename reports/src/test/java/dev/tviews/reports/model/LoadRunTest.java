package dev.tviews.reports.model;

import dev.tviews.reports.model.LoadRun.ThroughputSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTest {

    @Test
    void theWorstFullSecondIsTheLowestCompleteInterval() {
        List<ThroughputSample> samples = List.of(new ThroughputSample(1.0, 300), new ThroughputSample(2.01, 0),
                new ThroughputSample(3.02, 250), new ThroughputSample(4.0, 310));
        assertThat(LoadRun.worstFullSecond(samples)).hasValue(0.0);
    }

    @Test
    void aShortLastIntervalCutByTheEndOfTheRunDoesNotCount() {
        List<ThroughputSample> samples = List.of(new ThroughputSample(1.0, 300), new ThroughputSample(2.0, 280),
                new ThroughputSample(2.2, 15));
        assertThat(LoadRun.worstFullSecond(samples)).hasValue(280.0);
    }

    @Test
    void aLastIntervalOfAFullSecondCounts() {
        List<ThroughputSample> samples = List.of(new ThroughputSample(1.0, 300), new ThroughputSample(2.0, 40));
        assertThat(LoadRun.worstFullSecond(samples)).hasValue(40.0);
    }

    @Test
    void noCompleteIntervalMeansNoWorstSecond() {
        assertThat(LoadRun.worstFullSecond(List.of())).isEmpty();
        assertThat(LoadRun.worstFullSecond(List.of(new ThroughputSample(0.4, 10)))).isEmpty();
    }
}
