package io.chordflow.tracking.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import io.chordflow.storage.LocalStore;
import io.chordflow.tracking.file.FileStoreTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .pt} reference in a program without the model code (this module's tests) is one clear
 * input error; the conversion itself is tested where the converter lives (teacher-inference's
 * ImportModelCommandTest).
 */
class ModelResolverCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void checkpointWithoutAConverterIsAnInputError() throws Exception {
        Path pt = Files.writeString(tmp.resolve("btc.pt"), "x");
        ModelResolver r = new ModelResolver(new FileStoreTracker(tmp.resolve("mlruns")).registry(), new LocalStore(),
                tmp.resolve("cache"));
        InputException e = assertThrows(InputException.class, () -> r.localPath(pt.toString()));
        assertEquals(pt + ": a PyTorch checkpoint, but this program cannot convert one (chordflow-model is not on its"
                + " class path)", e.getMessage());
    }
}
