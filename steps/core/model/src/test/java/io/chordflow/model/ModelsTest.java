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
    void chordNetCountFollowsChordMinisLayout() {
        int d = 144;
        int ff = 576;
        int g = 12;
        long mha = 4L * (d * d + d);
        long norms = 2L * ff + 2L * d;
        long ffn = (long) d * ff + ff + (long) ff * d + d + norms + 1; // linear1, linear2, two LayerNorms, ReZero alpha
        long freqFfn = g * 4L * g + 4L * g + 4L * g * g + g + 2L * 4 * g + 2L * g + 1;
        long encoderHead = (long) d * d + d + 2L * d; // fc and LayerNorm at the feature width
        long freq = 5 * (4L * (g * g + g) + freqFfn + 1) + encoderHead;
        long time = 5 * (mha + ffn + 1) + encoderHead;
        long decoder = 5 * (2 * mha + ffn + 2) + 2L * d; // one LayerNorm shared by all layers
        long expected = freq + time + decoder + (d * 170L + 170);
        long ours = Models.parameterCount(ModelConfig.of("2e1d", 170));
        assertEquals(expected, ours);
        // ChordMini's ChordNet() at ChordMini.yaml's sizes (5/5/5 layers, 144 bins, 12 groups), counted with
        // python3-torch: 3,031,249, of which its decoder's fc (144*144+144 = 20,880) is never used and left out here.
        assertEquals(3_031_249L - 20_880L, ours);
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

    /** A model.json is checked by the contract's rules, in the words `chordflow validate` uses for a spec. */
    @Test
    void badSizesAreNamedAsTheContractNamesThem() {
        assertEquals("field model.arch: 'lstm': expected one of [btc, 2e1d, perceiver-tf]",
                assertThrows(InputException.class, () -> ModelConfig.of("lstm", 170)).getMessage());
        assertEquals("field model.hidden: 0: expected a positive integer", assertThrows(InputException.class,
                () -> new ModelConfig("btc", 25, null, 0, 1, 2, 16, null, 10, null, null, null, null)).getMessage());
        assertEquals("field model.dropout: 1.0: expected 0 <= x < 1", assertThrows(InputException.class,
                () -> new ModelConfig("btc", 25, null, 16, 1, 2, 16, 1.0, 10, null, null, null, null)).getMessage());
        assertEquals("field model.classes: 0: expected a positive integer", assertThrows(InputException.class,
                () -> new ModelConfig("btc", 0, null, 16, 1, 2, 16, null, 10, null, null, null, null)).getMessage());
        // 2E1D works at the feature width, which its heads must divide as BTC's divide its width
        assertEquals("field model.heads: 5 does not divide the width 144", assertThrows(InputException.class,
                () -> new ModelConfig("2e1d", 25, null, null, 1, 5, 32, null, 10, 1, 2, 12, 1)).getMessage());
    }
}
