package io.chordflow.model.loss;

import io.chordflow.contract.KdParams;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The KD term's gradient with respect to the student's logits, as autograd computes it in training, against a
     * central finite difference of the loss itself and against the closed form {@code T w (q_s - p_t) / frames}:
     * frames in every weight regime (w = 0 below the confidence band, 1 inside, falling above it) and one masked.
     */
    @Test
    void selectiveKdGradientMatchesFiniteDifferences() {
        int frames = 4;
        int classes = 12;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] zs = new float[frames * classes];
        float[] zt = new float[frames * classes];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = (float) (2 * r.nextDouble() - 1);
            int f = i / classes;
            int k = i % classes;
            // frame 0: near uniform (c < .1, w = 0); 1: moderate (w = 1); 2: confident (c > .9); 3: masked out
            zt[i] = (float) (f == 0 ? 0.01 * k : f == 1 ? 3 * r.nextDouble() : f == 2 ? (k == 4 ? 16 : 0) : r.nextDouble());
        }
        NDArray teacher = m.create(zt, new Shape(1, frames, classes));
        NDArray mask = m.create(new float[] {1, 1, 1, 0}, new Shape(1, frames));
        KdParams kd = KdParams.defaults();
        NDArray z = m.create(zs, new Shape(1, frames, classes));
        z.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(Losses.selectiveKd(z, teacher, mask, kd));
        }
        float[] grad = z.getGradient().toFloatArray();
        double t = kd.temperature();
        float[] c = Losses.confidenceWeight(teacher.div((float) t).softmax(-1).max(new int[] {-1}), kd).toFloatArray();
        assertEquals(0, c[0], 0, "frame 0 below the band");
        assertEquals(1, c[1], 0, "frame 1 inside the band");
        assertTrue(c[2] > 0.2 && c[2] < 0.9, "frame 2 above the band: " + c[2]);
        float h = 1e-2f;
        double maxAbs = 0;
        for (int i = 0; i < zs.length; i++) {
            float[] plus = zs.clone();
            float[] minus = zs.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (Losses.selectiveKd(m.create(plus, new Shape(1, frames, classes)), teacher, mask, kd).getFloat()
                    - Losses.selectiveKd(m.create(minus, new Shape(1, frames, classes)), teacher, mask, kd).getFloat()) / (2 * h);
            assertEquals(fd, grad[i], 2e-4 + 1e-2 * Math.abs(fd), "d L_KD / d z_s[" + i + "]");
            // closed form: T * w_f * (q_s - p_t) / (real frames), 0 on the masked frame
            int f = i / classes;
            double q = softmax(zs, f * classes, classes, i, t);
            double p = softmax(zt, f * classes, classes, i, t);
            double w = f == 3 ? 0 : c[f];
            assertEquals(t * w * (q - p) / 3, grad[i], 1e-6, "closed form, element " + i);
            maxAbs = Math.max(maxAbs, Math.abs(grad[i]));
        }
        assertTrue(maxAbs > 0.01, "a gradient to check: " + maxAbs);
    }

    private static double softmax(float[] z, int from, int n, int i, double t) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(z[from + k] / t);
        }
        return Math.exp(z[i] / t) / sum;
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
        // (.25 ln 2 * 1 + 0.8654397 * .6) / 2 * 9 = 3.1164777
        KdParams kd = KdParams.defaults();
        assertEquals(3.1164777, Losses.selectiveKd(student, teacher, mask(1, 1), kd).getFloat(), 1e-5);
        // first frame alone: .25 ln2 * 9
        assertEquals(1.5595812, Losses.selectiveKd(student, teacher, mask(1, 0), kd).getFloat(), 1e-5);

        // the ground-truth term at T = 1: student softmax [.8, .1, .1] with target 1 -> (.9)^2 ln 10 = 1.8650939;
        // uniform with target 0 -> (2/3)^2 ln 3 = 0.4882721; focal mean 1.1766830
        // kd objective: .3 * 3.1164777 + .7 * 1.1766830 = 1.7586214
        assertEquals(1.7586214, Losses.kdObjective(student, teacher, targets(), mask(1, 1), kd).getFloat(), 1e-5);
    }
}
