package io.chordflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec a features folder was written with is what a model trained on it records. */
class FeatureSpecTest {
    private static final String HALF_HOP = "{\"format_version\": 1, \"feature_spec\": {\"sample_rate\": 22050, \"hop\": 1024,"
            + " \"bins\": 144, \"bins_per_octave\": 24, \"fmin\": 32.70319566257483, \"transform\": \"log(|C|+1e-6)\"}, \"tracks\": []}";

    @Test
    void theManifestsSpecIsTheFoldersSpec(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), FeatureSpec.written(dir));
        assertEquals(FeatureSpec.BTC, FeatureSpec.of(dir, "--features", null, "nothing"));
        Files.writeString(dir.resolve("manifest-0-of-2.json"), HALF_HOP);
        Files.writeString(dir.resolve("manifest-1-of-2.json"), HALF_HOP);
        FeatureSpec s = FeatureSpec.written(dir).orElseThrow();
        assertEquals(1024, s.hop());
        assertEquals(1024.0 / 22050, s.frameSeconds());
        assertEquals(s, FeatureSpec.of(dir, "--features", null, "nothing"));
    }

    @Test
    void featuresOfAnotherSpecThanTheModelsAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), HALF_HOP);
        InputException e = assertThrows(InputException.class, () -> FeatureSpec.of(dir, "--features", FeatureSpec.BTC, "the --init model's"));
        assertTrue(e.getMessage().startsWith("--features " + dir + ": features FeatureSpec[sampleRate=22050, hop=1024"), e.getMessage());
        assertTrue(e.getMessage().contains("differ from the --init model's FeatureSpec[sampleRate=22050, hop=2048"), e.getMessage());
        Files.writeString(dir.resolve("manifest-1-of-2.json"), HALF_HOP.replace("1024", "512"));
        e = assertThrows(InputException.class, () -> FeatureSpec.written(dir));
        assertTrue(e.getMessage().contains("differs from the other shards'"), e.getMessage());
    }
}
