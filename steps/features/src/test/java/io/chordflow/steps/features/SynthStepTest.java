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
        int code = SynthStep.run(new String[] {"--out", out.toUri().toString(), "--hours", "0", "--split", "labeled=0.01,valid=0.01",
            "--min-song", "10", "--max-song", "20", "--seed", "3"}, new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch")));
        assertEquals(0, code);
        assertTrue(Files.isDirectory(out.resolve("labeled/audio")));
        assertTrue(Files.isDirectory(out.resolve("valid/labels")));
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    }

    /** The step passes --sources and --styles through: a held-out split hears only its source and style. */
    @Test
    void passesSourcesAndStylesThrough(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("data");
        int code = SynthStep.run(new String[] {"--out", out.toString(), "--hours", "0", "--split", "labeled=0.01,test-heldout=0.01",
            "--min-song", "10", "--max-song", "20", "--seed", "3", "--sources", "*=additive", "--styles", "*=default+~waltz",
            "--styles", "test-heldout=waltz"}, new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch")));
        assertEquals(0, code);
        com.fasterxml.jackson.databind.JsonNode m = io.chordflow.common.io.Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        int held = 0;
        for (com.fasterxml.jackson.databind.JsonNode t : m.get("tracks")) {
            boolean heldOut = t.get("split").asText().equals("test-heldout");
            held += heldOut ? 1 : 0;
            assertEquals(heldOut, t.get("style").asText().equals("waltz"), t.toString());
            t.get("sources").forEach(src -> assertEquals("additive", src.asText()));
        }
        assertTrue(held >= 1);
        assertEquals(2, SynthStep.run(new String[] {"--out", dir.resolve("bad").toString(), "--sources", "*=nosuchfont"},
                new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch2"))));
    }

    /** The step's MLflow run holds each split's hours, songs, sources, styles and chord-quality shares, and the manifest. */
    @Test
    void recordsTheCorpusInItsRun(@TempDir Path dir) throws Exception {
        Path mlruns = dir.resolve("mlruns");
        int code = SynthStep.run(new String[] {"--out", dir.resolve("data").toString(), "--hours", "0", "--split", "labeled=0.02",
            "--min-song", "20", "--max-song", "30", "--seed", "3", "--sources", "*=additive"},
                new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch")),
                java.util.Map.of("MLFLOW_TRACKING_URI", mlruns.toUri().toString(), "CHORDFLOW_TASK", "synth-data"));
        assertEquals(0, code);
        try (var files = Files.walk(mlruns)) {
            java.util.List<Path> all = files.toList();
            Path run = all.stream().filter(p -> p.endsWith(Path.of("params", "labeled.sources"))).findFirst().orElseThrow().getParent().getParent();
            assertEquals("additive", Files.readString(run.resolve("params/labeled.sources")).strip());
            double maj = Double.parseDouble(Files.readString(run.resolve("metrics/labeled.quality_share.maj")).split(" ")[1]);
            assertTrue(maj > 0.1 && maj < 1, "major chords are a share of the labeled split: " + maj);
            assertTrue(Files.isRegularFile(run.resolve("artifacts/corpus/manifest.json")));
        }
    }

    @Test
    void badArgumentsAreExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, SynthStep.run(new String[] {"--out", dir.toString(), "--min-song", "1"},
                new StepIo(ArtifactStores.fromEnvironment(), dir.resolve("scratch"))));
    }
}
