package io.chordflow.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The reader against files torch.save wrote (python3-torch 1.13, both formats; made by
 * {@code src/test/python/make_btc_checkpoint_fixtures.py}): every dtype, views with strides and
 * offsets, numpy values, nesting.
 */
class TorchCheckpointTest {
    static final Path DIR = Path.of("src/test/resources/btc-checkpoint");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dtypes.zip.pt", "dtypes.legacy.pt"})
    void readsDtypesViewsNumpyAndNesting(String name) throws Exception {
        Map<?, ?> d = (Map<?, ?>) TorchCheckpoint.read(DIR.resolve(name));
        TorchTensor f64 = (TorchTensor) d.get("f64");
        assertEquals(TorchDtype.FLOAT64, f64.dtype());
        assertArrayEquals(new double[] {1.5, -2.25}, f64.values());
        TorchTensor f16 = (TorchTensor) d.get("f16");
        assertEquals(TorchDtype.FLOAT16, f16.dtype());
        assertArrayEquals(new double[] {0.5, -1.0, 3.0}, f16.values());
        assertArrayEquals(new double[] {3, -4}, ((TorchTensor) d.get("i64")).values());

        Map<String, double[]> expected = new java.util.HashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("dtypes.txt"))) {
            String[] f = line.split(" ");
            expected.put(f[0], Arrays.stream(f).skip(1).mapToDouble(Double::parseDouble).toArray());
        }
        TorchTensor t = (TorchTensor) d.get("transposed");
        assertArrayEquals(new long[] {4, 3}, t.shape());
        assertArrayEquals(new long[] {1, 4}, t.stride(), "a transposed view keeps its storage");
        assertArrayEquals(expected.get("transposed"), t.values());
        TorchTensor o = (TorchTensor) d.get("offset");
        assertEquals(5, o.offset());
        assertArrayEquals(expected.get("offset"), o.values());

        NumpyArray a = (NumpyArray) d.get("np_array");
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.values());
        NumpyArray s = (NumpyArray) d.get("np_scalar");
        assertEquals(0, s.shape().length);
        assertArrayEquals(new double[] {0.125}, s.values());

        Map<?, ?> nested = (Map<?, ?>) d.get("nested");
        assertEquals(List.of(1, 2.5, "three"), nested.get("list"));
        assertArrayEquals(new double[] {1.0, 1.125, 1.25, 1.375}, ((TorchTensor) nested.get("tensor")).values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc_small.zip.pt", "btc_small.legacy.pt"})
    void readsTheBtcCheckpointLayout(String name) throws Exception {
        Map<?, ?> d = (Map<?, ?>) TorchCheckpoint.read(DIR.resolve(name));
        PyOrderedDict sd = assertInstanceOf(PyOrderedDict.class, d.get("model"));
        assertEquals(1 + 2 * 26 + 4 + 8, sd.size(), "embedding, 2 layers of 26, final norm and output, 8 unused LSTM tensors");
        assertArrayEquals(new long[] {170, 8}, ((TorchTensor) sd.get("output_layer.output_projection.weight")).shape());
        assertEquals(-3.5, ((Number) d.get("mean")).doubleValue());
        assertArrayEquals(new double[] {2.0}, ((NumpyArray) d.get("std")).values(), "np.sqrt gives a numpy.float64");
        assertEquals(7, d.get("epoch"));
    }

    @Test
    void truncatedAndForeignFilesAreInputErrorsNamingTheFile() throws Exception {
        byte[] legacy = Files.readAllBytes(DIR.resolve("btc_small.legacy.pt"));
        Path cut = tmp.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(legacy, legacy.length - 100));
        InputException e = assertThrows(InputException.class, () -> TorchCheckpoint.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());

        byte[] zip = Files.readAllBytes(DIR.resolve("btc_small.zip.pt"));
        Path cutZip = tmp.resolve("cut.zip.pt");
        Files.write(cutZip, Arrays.copyOf(zip, zip.length / 2));
        e = assertThrows(InputException.class, () -> TorchCheckpoint.read(cutZip));
        assertTrue(e.getMessage().startsWith(cutZip.toString()), e.getMessage());

        Path text = tmp.resolve("notes.pt");
        Files.writeString(text, "hello, not a checkpoint");
        e = assertThrows(InputException.class, () -> TorchCheckpoint.read(text));
        assertEquals(text + ": not a PyTorch checkpoint (neither a torch.save zip nor a legacy pickle)", e.getMessage());
    }
}
