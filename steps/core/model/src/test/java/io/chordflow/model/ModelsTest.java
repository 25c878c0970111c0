package io.chordflow.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.chordflow.common.InputException;
import io.chordflow.model.btc.Btc;
import org.junit.jupiter.api.Test;

class ModelsTest {
    @Test
    void btcWith170ClassesHasTheOriginalParameterCountLessTheUnusedLstm() {
        long ours = Models.parameterCount(ModelConfig.of("btc", 170));
        assertEquals(2_937_514L, ours);
        assertEquals(3_036_842L, ours + Btc.ORIGINAL_UNUSED_LSTM_PARAMS, "the published BTC count");
    }

    @Test
    void chordNetCountFollowsItsLayout() {
        int d = 144;
        int ff = 576;
        int g = 12;
        long mha = 4L * (d * d + d);
        long ffn = (long) d * ff + ff + (long) ff * d + d;
        long freq = 4L * (g * g + g) + (g * 4L * g + 4L * g + 4L * g * g + g) + 2;
        long expected = 5 * freq + 5 * (mha + ffn + 2) + 5 * (2 * mha + ffn + 3) + (d * 170L + 170);
        long ours = Models.parameterCount(ModelConfig.of("2e1d", 170));
        assertEquals(expected, ours);
        assertEquals(2_952_745L, ours);
        assertTrue(ours >= 2_200_000 && ours <= 3_000_000, "paper 1 reports 2.2-3.0 M, got " + ours);
    }

    @Test
    void bothArchitecturesMapFramesToClassLogits() {
        for (String arch : new String[] {"btc", "2e1d"}) {
            ModelConfig c = new ModelConfig(arch, 25, null, 32, 1, 4, 32, null, 20, 1, 2, 12, 1);
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = Models.initialized(c, m, 1);
                NDArray x = m.randomNormal(new Shape(3, 20, 144));
                NDList out = b.forward(new ParameterStore(m, false), new NDList(x), false);
                assertArrayEquals(new long[] {3, 20, 25}, out.singletonOrThrow().getShape().getShape(), arch);
            }
        }
    }

    @Test
    void sameSeedSameInitialWeights() {
        ModelConfig c = new ModelConfig("btc", 25, null, 16, 1, 2, 16, null, 10, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = Models.initialized(c, m, 7);
            Block b = Models.initialized(c, m, 7);
            Block other = Models.initialized(c, m, 8);
            var pa = a.getParameters().valueAt(0).getArray();
            assertEquals(pa, b.getParameters().valueAt(0).getArray());
            assertTrue(!pa.equals(other.getParameters().valueAt(0).getArray()));
        }
    }

    @Test
    void badArchitectureIsAnInputError() {
        assertThrows(InputException.class, () -> ModelConfig.of("lstm", 170));
    }
}
