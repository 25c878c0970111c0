package io.chordflow.steps.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.StepIo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthStepTest {
    @Test
    void rendersTheDatasetThroughTheStagedOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("data");
        int code = SynthStep.run(new String[] {"--out", out.toUri().toString(), "--split", "labeled=0.01,valid=0.01",
            "--min-song", "10", "--max-song", "20", "--seed", "3"}, new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch")));
        assertEquals(0, code);
        assertTrue(Files.isDirectory(out.resolve("labeled/audio")));
        assertTrue(Files.isDirectory(out.resolve("valid/labels")));
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    }

    @Test
    void badArgumentsAreExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, SynthStep.run(new String[] {"--out", dir.toString(), "--min-song", "1"},
                new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch"))));
    }
}
