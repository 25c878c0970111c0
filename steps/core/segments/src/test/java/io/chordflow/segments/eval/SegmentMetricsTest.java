package io.chordflow.segments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import io.chordflow.segments.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMetricsTest {
    static Timeline timeline(double... bounds) {
        double[] s = new double[bounds.length - 1];
        double[] e = new double[bounds.length - 1];
        String[] l = new String[bounds.length - 1];
        for (int i = 0; i + 1 < bounds.length; i++) {
            s[i] = bounds[i];
            e[i] = bounds[i + 1];
            l[i] = "s" + i;
        }
        return new Timeline(s, e, List.of(l));
    }

    @Test
    void detectionCountsBoundariesWithinTheWindowOnce() {
        Timeline ref = timeline(0, 10, 20, 30);
        Timeline est = timeline(0, 10.4, 19.0, 30);
        SegmentMetrics.Prf d = SegmentMetrics.detection(ref, est, 0.5, 1, false);
        assertEquals(0.75, d.precision()); // 0, 10, 30 hit; 20 vs 19 misses
        assertEquals(0.75, d.recall());
        assertEquals(1.0, SegmentMetrics.detection(ref, est, 3.0, 1, false).f());
        SegmentMetrics.Prf trimmed = SegmentMetrics.detection(ref, est, 0.5, 1, true);
        assertEquals(0.5, trimmed.f()); // only 10 and 20 (vs 10.4 and 19) count
    }

    @Test
    void pairwiseIsOneForTheSameSegmentationUnderOtherNames() {
        Timeline ref = new Timeline(new double[] {0, 10, 20}, new double[] {10, 20, 30}, List.of("A", "B", "A"));
        Timeline est = new Timeline(new double[] {0, 10, 20}, new double[] {10, 20, 30}, List.of("x", "y", "X"));
        assertEquals(1.0, SegmentMetrics.pairwise(ref, est, 0.1, 1).f());
        Timeline merged = new Timeline(new double[] {0}, new double[] {30}, List.of("x"));
        SegmentMetrics.Prf p = SegmentMetrics.pairwise(ref, merged, 0.1, 1);
        assertEquals(1.0, p.recall());
    }

    @Test
    void adjustPadsTheStartAndCropsToTheReference() {
        Timeline t = timeline(2, 5, 40).adjust(0.0, 30.0);
        assertArrayEquals(new double[] {0, 2, 5}, t.starts());
        assertArrayEquals(new double[] {2, 5, 30}, t.ends());
        assertEquals(List.of(Timeline.T_MIN, "s0", "s1"), t.labels());
        Timeline longer = timeline(0, 5).adjust(0.0, 8.0);
        assertEquals(List.of("s0", Timeline.T_MAX), longer.labels());
    }

    @Test
    void invalidIntervalsAreRejectedAsMirEvalDoes() {
        Timeline zero = new Timeline(new double[] {0, 5}, new double[] {5, 5}, List.of("a", "b"));
        assertThrows(InputException.class, () -> SegmentMetrics.detection(zero, zero, 0.5, 1, false));
        Timeline late = new Timeline(new double[] {1}, new double[] {5}, List.of("a"));
        assertEquals("reference segment intervals do not start at 0",
                assertThrows(InputException.class, () -> SegmentMetrics.pairwise(late, late, 0.1, 1)).getMessage());
    }

    @Test
    void evaluateUsesMirEvalNamesInOrder() {
        var scores = SegmentMetrics.evaluate(List.of(new Segment(0, 10, "a"), new Segment(10, 20, "b")),
                List.of(new Segment(0, 10, "a"), new Segment(10, 20, "b")), false);
        assertEquals(List.of("Precision@0.5", "Recall@0.5", "F-measure@0.5", "Precision@3.0", "Recall@3.0", "F-measure@3.0",
                "Ref-to-est deviation", "Est-to-ref deviation", "Pairwise Precision", "Pairwise Recall", "Pairwise F-measure"),
                List.copyOf(scores.keySet()));
        assertEquals(1.0, scores.get("F-measure@0.5"));
        assertEquals(0.0, scores.get("Ref-to-est deviation"));
    }
}
