package io.chordflow.model.perceiver;

import io.chordflow.contract.PerceiverTfConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.chordflow.common.io.Npy;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.checkpoint.CheckpointImport;
import io.chordflow.model.checkpoint.TorchCheckpoint;
import io.chordflow.model.checkpoint.TorchTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The DJL PerceiverTF against a PyTorch reference written from paper 2's description
 * ({@code src/test/python/perceiver_tf_reference.py fixture}): a small random model's state_dict
 * ({@code torch.save}, read with the checkpoint import's reader), an input, and the logits PyTorch computed.
 */
class PerceiverTfGoldenTest {
    /** The reference script's fixture size. */
    static ModelConfig small() {
        return small(5);
    }

    static ModelConfig small(int classes) {
        PerceiverTfConfig p = new PerceiverTfConfig(8, 3, 1, 1, 16, 6, null, List.of(List.of(2, 1), List.of(1, 2)),
                null, null);
        return new ModelConfig(ModelConfig.PERCEIVER_TF, classes, 72, 16, 2, 2, 32, 0.1, 8, null, null, null, null, p);
    }

    @Test
    void logitsMatchThePyTorchReference() throws Exception {
        Path dir = Path.of(getClass().getResource("/perceiver-golden").toURI());
        Path file = dir.resolve("model.pt");
        Map<String, TorchTensor> sd = CheckpointImport.stateDict(TorchCheckpoint.read(file), file);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(small(), m, 0);
            List<String> names = CheckpointImport.dottedNames(block);
            var params = block.getParameters();
            for (int i = 0; i < names.size(); i++) {
                TorchTensor t = sd.get(names.get(i));
                assertNotNull(t, "the reference has " + names.get(i));
                var array = params.get(i).getValue().getArray();
                assertArrayEquals(array.getShape().getShape(), t.shape(), names.get(i));
                array.set(t.floats());
            }
            assertEquals(new TreeSet<>(sd.keySet()), new TreeSet<>(names), "every reference tensor is one of ours");
            Npy.Array x = Npy.read(dir.resolve("x.npy"));
            Npy.Array y = Npy.read(dir.resolve("y.npy"));
            NDList in = new NDList(m.create(x.data(), new Shape(2, 8, 72)));
            var out = block.forward(new ParameterStore(m, false), in, false).singletonOrThrow();
            assertEquals(new Shape(2, 4, 5), out.getShape(), "time pooled by 2");
            assertArrayEquals(y.data(), out.toFloatArray(), 1e-4f, Arrays.toString(out.toFloatArray()));
        }
    }
}
