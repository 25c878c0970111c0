package io.chordflow.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.chordflow.contract.KdParams;
import io.chordflow.contract.PerceiverTfConfig;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.loss.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's first-step NaN: a garbage collection between the forward and the backward pass must not change a single
 * gradient bit, in any model or loss we train with ({@code Scalars} says why it did). {@link
 * GcBetweenForwardAndBackward#pressure()} frees what a GC can free and fills freed memory with NaN.
 */
class GcBetweenForwardAndBackwardTest {
    /** The hazard itself: DJL's {@code x.mul(3f)} under the same pressure (skips the rest if pressure cannot reproduce it). */
    @BeforeAll
    static void pressureReproducesTheHazard() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = x.mul(3f).sum();
                GcBetweenForwardAndBackward.pressure();
                gc.backward(loss);
            }
            float[] g = x.getGradient().toFloatArray();
            assumeFalse(java.util.Arrays.equals(new float[] {3, 3, 3, 3}, g),
                    "a GC did not corrupt DJL's number operand here, so this test could not see the bug it guards");
        }
    }

    @Test
    void btc() {
        model(new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, 48, null, null, null, null), 48, 144);
    }

    @Test
    void chordNet2e1d() {
        model(new ModelConfig("2e1d", 25, null, null, 1, 4, 64, 0.1, 48, 1, 2, 12, 1), 48, 144);
    }

    @Test
    void perceiverTf() {
        PerceiverTfConfig p = new PerceiverTfConfig(8, 3, 1, 1, 16, 6, null, List.of(List.of(2, 1), List.of(1, 2)), null, null);
        model(new ModelConfig(ModelConfig.PERCEIVER_TF, 5, 72, 16, 2, 2, 32, 0.1, 8, null, null, null, null, p), 8, 72);
    }

    @Test
    void losses() {
        KdParams kd = new KdParams(2.0, 0.4, 0.1, 0.9, 0.5, 2.0);
        loss(z -> Losses.focal(z, targets(z), mask(z), 2.0));
        loss(z -> Losses.focal(z, targets(z), mask(z), 2.0, new float[] {0.5f, 1, 1.5f, 1, 1}));
        loss(z -> Losses.crossEntropy(z, targets(z), mask(z)));
        loss(z -> Losses.softCrossEntropy(z, random(z, 7).softmax(-1), mask(z)));
        loss(z -> Losses.kdObjective(z, random(z, 8).mul(3), targets(z), mask(z), kd));
    }

    /** A model's parameter gradients for a fixed input and random loss weights, without and with a GC before backward. */
    private static void model(ModelConfig config, int frames, int bins) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(config, m, 5);
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                params.add(p.getValue());
                p.getValue().getArray().setRequiresGradient(true);
            }
            ParameterStore ps = new ParameterStore(m, false);
            Function<Boolean, List<float[]>> run = press -> {
                try (NDManager sub = m.newSubManager()) {
                    Models.seedEngine(5, "features");
                    NDArray x = sub.randomNormal(new Shape(2, frames, bins));
                    Models.seedEngine(5, "dropout");
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = block.forward(ps, new NDList(x), true).singletonOrThrow();
                        NDArray loss = logits.mul(random(logits, 6)).sum();
                        if (press) {
                            GcBetweenForwardAndBackward.pressure();
                        }
                        gc.backward(loss);
                    }
                    List<float[]> out = new ArrayList<>();
                    for (Parameter p : params) {
                        NDArray g = p.getArray().getGradient();
                        g.attach(sub);
                        out.add(g.toFloatArray());
                        Trainer.zero(g);
                    }
                    return out;
                }
            };
            List<float[]> clean = run.apply(false);
            List<float[]> pressed = run.apply(true);
            assertEquals(clean.size(), pressed.size());
            for (int i = 0; i < clean.size(); i++) {
                assertArrayEquals(clean.get(i), pressed.get(i), 0f, config.arch() + " " + params.get(i).getName());
            }
        }
    }

    /** A loss's gradient with respect to fixed logits {@code [2,6,5]}, without and with a GC before backward. */
    private static void loss(Function<NDArray, NDArray> f) {
        float[][] g = new float[2][];
        for (int k = 0; k < 2; k++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Models.seedEngine(5, "logits");
                NDArray z = m.randomNormal(new Shape(2, 6, 5)).mul(2);
                z.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = f.apply(z);
                    if (k == 1) {
                        GcBetweenForwardAndBackward.pressure();
                    }
                    gc.backward(loss);
                }
                g[k] = z.getGradient().toFloatArray();
            }
        }
        assertArrayEquals(g[0], g[1], 0f);
    }

    private static NDArray random(NDArray like, long seed) {
        Models.seedEngine(seed, "weights");
        return like.getManager().randomNormal(like.getShape());
    }

    private static NDArray targets(NDArray z) {
        int[] y = new int[(int) (z.getShape().get(0) * z.getShape().get(1))];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i * 3) % (int) z.getShape().get(2);
        }
        return z.getManager().create(y, new Shape(z.getShape().get(0), z.getShape().get(1)));
    }

    private static NDArray mask(NDArray z) {
        float[] m = new float[(int) (z.getShape().get(0) * z.getShape().get(1))];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 5 == 4 ? 0 : 1; // some padding frames
        }
        return z.getManager().create(m, new Shape(z.getShape().get(0), z.getShape().get(1)));
    }
}
