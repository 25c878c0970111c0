package io.chordflow.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @Test
    void float32RoundTripAndNumpyHeader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        float[] data = {1f, -2.5f, 3e-7f, 4f, 5f, 6f};
        Npy.writeFloat32(f, data, 2, 3);
        byte[] bytes = Files.readAllBytes(f);
        // numpy pads magic + header to a multiple of 64 bytes
        assertEquals(128 + 24, bytes.length, "numpy.save writes a 128-byte header here");
        String header = new String(bytes, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(58) + "\n", header);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(data, a.data());
        assertArrayEquals(new float[] {4f, 5f, 6f}, a.row(1));
    }

    @Test
    void oneDimensionalShapeHasTrailingComma() {
        String h = new String(Npy.header(Npy.DType.INT32, new int[] {7}), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(h.contains("'shape': (7,)"), h);
    }

    @Test
    void float16RoundsLikeNumpy(@TempDir Path dir) throws Exception {
        float[] data = {0f, 1f, -1f, 0.1f, 65504f, 1e-7f, 70000f, 0.333333f};
        Path f = dir.resolve("h.npy");
        Npy.writeFloat16(f, data, data.length);
        float[] back = Npy.read(f).data();
        // values numpy.float16 gives for the same inputs
        assertArrayEquals(new float[] {0f, 1f, -1f, 0.099975586f, 65504f, 1.1920929e-7f, Float.POSITIVE_INFINITY, 0.33325195f}, back);
    }

    @Test
    void int32RoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("i.npy");
        Npy.writeInt32(f, new int[] {169, 0, 24}, 3);
        assertArrayEquals(new int[] {169, 0, 24}, Npy.read(f).asInts());
    }

    @Test
    void truncatedFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.npy");
        Npy.writeFloat32(f, new float[100], 10, 10);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 10));
        InputException e = assertThrows(InputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("t.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
