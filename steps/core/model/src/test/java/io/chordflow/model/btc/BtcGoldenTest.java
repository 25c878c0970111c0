package io.chordflow.model.btc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.chordflow.common.io.Npy;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The DJL BTC against the authors' PyTorch code: {@code src/test/python/btc_reference.py} (a
 * re-typing of the original modules) wrote random weights for a small BTC in our parameter
 * order, an input and the logits PyTorch computes; our block must give the same logits.
 */
class BtcGoldenTest {
    @Test
    void logitsMatchTheOriginalPyTorchImplementation() throws Exception {
        Path dir = Path.of(getClass().getResource("/btc-golden").toURI());
        ModelConfig c = new ModelConfig("btc", 25, 144, 16, 2, 2, 16, 0.2, 20, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(c, m, 0);
            int i = 0;
            for (var p : block.getParameters()) {
                Npy.Array a = Npy.read(dir.resolve(String.format("p%03d.npy", i++)));
                long[] expected = p.getValue().getArray().getShape().getShape();
                assertArrayEquals(expected, java.util.Arrays.stream(a.shape()).asLongStream().toArray(), p.getKey());
                p.getValue().getArray().set(a.data());
            }
            assertEquals(1 + 2 * (2 * 12 + 2) + 4, i, "all parameters of the reference were used");
            Npy.Array x = Npy.read(dir.resolve("x.npy"));
            Npy.Array y = Npy.read(dir.resolve("y.npy"));
            float[] ours = block.forward(new ParameterStore(m, false), new NDList(m.create(x.data(), new Shape(2, 20, 144))), false)
                    .singletonOrThrow().toFloatArray();
            assertArrayEquals(y.data(), ours, 1e-4f);
        }
    }
}
