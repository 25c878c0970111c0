package io.chordflow.model.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.chordflow.model.data.Track;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {
    @Test
    void inverseSquareRootFrequencyWithMeanWeightOne() {
        // 99 frames of class 0, 0 of class 1, 8 of class 2 (n + 1: 100, 1, 9); beta 1/2: 1/10, 1, 1/3
        double[] n = {99, 0, 8};
        float[] w = ClassWeights.of(n, 0.5);
        // Z = (99/10 + 8/3) / 107 frames
        double z = (99 / 10.0 + 8 / 3.0) / 107;
        assertArrayEquals(new float[] {(float) (0.1 / z), (float) Math.min(ClassWeights.CAP, 1 / z), (float) ((1 / 3.0) / z)}, w, 1e-6f);
        assertEquals(107, 99 * w[0] + 8 * w[2], 1e-4, "frame-weighted mean is 1");
        assertArrayEquals(new float[] {1, 1, 1}, ClassWeights.of(n, 0), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(n, 1.5));
    }

    @Test
    void countsHardFramesAndSoftMassAndIsOffAtZero() {
        Track hard = new Track("a", new float[3], 3, 1, new int[] {0, 2, 2}, null, 3);
        Track soft = new Track("b", new float[1], 1, 1, null, new float[] {0.5f, 0.25f, 0.25f}, 3);
        assertArrayEquals(new double[] {1.5, 0.25, 2.25}, ClassWeights.counts(List.of(hard, soft), 3), 1e-9);
        assertNull(ClassWeights.forTraining(List.of(hard), 3, 0));
    }

    @Test
    void weightedFocalScalesEachFrameByItsTargetClassWeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            // frame 1: softmax [.25, .5, .25], target 1 -> CE ln 2; frame 2: softmax [.6, .2, .2], target 0 -> CE -ln .6
            NDArray z = m.create(new float[] {0, (float) Math.log(2), 0, (float) Math.log(3), 0, 0}, new Shape(1, 2, 3));
            NDArray y = m.create(new int[] {1, 0}, new Shape(1, 2));
            NDArray mask = m.create(new float[] {1, 1}, new Shape(1, 2));
            float[] w = {0.5f, 3f, 1f};
            // gamma 0: (3 ln 2 + 0.5 (-ln .6)) / 2 real frames
            assertEquals((3 * Math.log(2) - 0.5 * Math.log(.6)) / 2, Losses.focal(z, y, mask, 0, w).getFloat(), 1e-6);
            // no weights: plain focal
            assertEquals(Losses.focal(z, y, mask, 2).getFloat(), Losses.focal(z, y, mask, 2, null).getFloat(), 0);
        }
    }
}
