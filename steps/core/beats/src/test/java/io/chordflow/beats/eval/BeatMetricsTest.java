package io.chordflow.beats.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BeatMetricsTest {
    @Test
    void trimKeepsBeatsAtOrAfterFiveSeconds() {
        assertArrayEquals(new double[] {5, 6, 7, 8, 9}, BeatMetrics.trim(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5.0));
    }

    @Test
    void fMeasureCountsHitsWithinSeventyMilliseconds() {
        double[] ref = {1, 2, 3, 4};
        double[] est = {1.05, 2.08, 3.0}; // 2 hits: P = 2/3, R = 1/2
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), BeatMetrics.fMeasure(ref, est, 0.07), 1e-12);
        assertEquals(0.0, BeatMetrics.fMeasure(ref, new double[0], 0.07));
        assertEquals(0.0, BeatMetrics.fMeasure(new double[0], est, 0.07));
    }

    @Test
    void evaluateIgnoresTheFirstFiveSeconds() {
        double[] ref = {1, 2, 3, 6, 7};
        double[] est = {1.5, 2.5, 6, 7};
        assertEquals(1.0, BeatMetrics.evaluate(ref, est).get("F-measure"));
        assertEquals(2 * 0.5 * 0.4 / (0.5 + 0.4), BeatMetrics.fMeasure(ref, est, 0.07), 1e-12); // P = 2/4, R = 2/5
    }
}
