package io.chordflow.model.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each loss against values worked out by hand (comments show the arithmetic). */
class LossesTest {
    private static final double LN2 = Math.log(2);
    private final NDManager m = NDManager.newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    /** Frame 1: softmax = [.25, .5, .25], target 1. Frame 2: softmax = [.6, .2, .2], target 0. */
    private NDArray logits() {
        return m.create(new float[] {0, (float) LN2, 0, (float) Math.log(3), 0, 0}, new Shape(1, 2, 3));
    }

    private NDArray targets() {
        return m.create(new int[] {1, 0}, new Shape(1, 2));
    }

    private NDArray mask(float a, float b) {
        return m.create(new float[] {a, b}, new Shape(1, 2));
    }

    @Test
    void crossEntropyIsMeanNegativeLogProbabilityOverRealFrames() {
        // (ln 2 + -ln .6) / 2
        assertEquals((LN2 - Math.log(.6)) / 2, Losses.crossEntropy(logits(), targets(), mask(1, 1)).getFloat(), 1e-6);
        // padding frame ignored: ln 2
        assertEquals(LN2, Losses.crossEntropy(logits(), targets(), mask(1, 0)).getFloat(), 1e-6);
    }

    @Test
    void focalScalesEachFrameByOneMinusPTargetSquared() {
        // ((1-.5)^2 ln 2 + (1-.6)^2 (-ln .6)) / 2 = (0.1732868 + 0.0817321) / 2
        assertEquals(0.1275094, Losses.focal(logits(), targets(), mask(1, 1), 2).getFloat(), 1e-6);
        assertEquals(Losses.crossEntropy(logits(), targets(), mask(1, 1)).getFloat(),
                Losses.focal(logits(), targets(), mask(1, 1), 0).getFloat(), 1e-6);
    }

    @Test
    void softCrossEntropyUsesTheWholeDistribution() {
        NDArray q = m.create(new float[] {.5f, .5f, 0, 1, 0, 0}, new Shape(1, 2, 3));
        // frame 1: -(.5 ln .25 + .5 ln .5) = 1.0397208; frame 2 masked out
        assertEquals(1.0397208, Losses.softCrossEntropy(logits(), q, mask(1, 0)).getFloat(), 1e-6);
    }

    @Test
    void confidenceWeightFollowsThePiecewiseRule() {
        NDArray c = m.create(new float[] {0.05f, 0.1f, 0.5f, 0.9f, 0.95f, 1f});
        float[] w = Losses.confidenceWeight(c, KdParams.defaults()).toFloatArray();
        // c<.1 -> 0; .1..0.9 -> 1; c>.9 -> 1 - .8 (c - .9)/.1
        assertArrayEquals(new float[] {0, 1, 1, 1, 0.6f, 0.2f}, w, 1e-5f);
    }

    @Test
    void selectiveKdIsWeightedKlTimesTSquared() {
        double t = 3;
        // teacher softened to [.25,.5,.25] (c = .5, w = 1) and [.95,.025,.025] (c = .95, w = .6)
        NDArray teacher = m.create(new float[] {
            (float) (t * Math.log(.25)), (float) (t * Math.log(.5)), (float) (t * Math.log(.25)),
            (float) (t * Math.log(.95)), (float) (t * Math.log(.025)), (float) (t * Math.log(.025))}, new Shape(1, 2, 3));
        // student softened to [.5,.25,.25] and uniform
        NDArray student = m.create(new float[] {
            (float) (t * Math.log(.5)), (float) (t * Math.log(.25)), (float) (t * Math.log(.25)), 0, 0, 0}, new Shape(1, 2, 3));
        // KL1 = .25 ln(.25/.5) + .5 ln(.5/.25) = .25 ln 2 ; KL2 = .95 ln(2.85) + .05 ln(.075) = 0.8654397
        double expected = (0.25 * LN2 * 1 + 0.8654397 * 0.6) / 2 * t * t; // 3.1164777
        KdParams kd = KdParams.defaults();
        assertEquals(expected, Losses.selectiveKd(student, teacher, mask(1, 1), kd).getFloat(), 1e-5);
        assertEquals(3.1164777, expected, 1e-6);
        // first frame alone: .25 ln2 * 9
        assertEquals(1.5595812, Losses.selectiveKd(student, teacher, mask(1, 0), kd).getFloat(), 1e-5);

        double focal = Losses.focal(student, targets(), mask(1, 1), 2).getFloat();
        assertEquals(0.3 * expected + 0.7 * focal,
                Losses.kdObjective(student, teacher, targets(), mask(1, 1), kd).getFloat(), 1e-5);
    }
}
