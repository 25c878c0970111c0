package io.chordflow.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Zeroing a gradient must clear NaN too (g - g keeps NaN, and every later update would be skipped). */
class GradientZeroTest {
    @Test
    void zeroingClearsNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3});
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.mul(0).sqrt().sum()); // d sqrt(0) = inf, times 0: NaN
            }
            assertTrue(Float.isNaN(w.getGradient().toFloatArray()[1]));
            NDArray g = w.getGradient();
            g.subi(g);
            assertTrue(Float.isNaN(w.getGradient().toFloatArray()[1]), "the old way keeps NaN");
            Trainer.zero(w.getGradient());
            assertArrayEquals(new float[] {0, 0, 0}, w.getGradient().toFloatArray(), 0f);
        }
    }
}
