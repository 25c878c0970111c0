package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.model.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.TrainingSettings;
import io.chordflow.model.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateStepTest {
    @Test
    void scoresATrainedModelAgainstReferenceLabs(@TempDir Path dir) throws Exception {
        double fs = FeatureSpec.BTC.frameSeconds();
        SyntheticChords.writeCorpus(dir.resolve("trainf"), dir.resolve("trainl"), 8, 150, Vocabulary.MAJMIN, 1, fs);
        SyntheticChords.writeCorpus(dir.resolve("testf"), dir.resolve("testl"), 3, 150, Vocabulary.MAJMIN, 2, fs);
        Files.delete(dir.resolve("testl/song2.lab")); // a song without reference is skipped, not fatal
        ModelConfig c = new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, 48, null, null, null, null);
        TrainingSettings s = new TrainingSettings(6, 8, 24, 0.0, "focal", null, 3e-3, null, null, null, null, null,
                "constant", null, null, null, 1.0, null, null, null, null, null, null);
        List<Track> train = TrackLoader.load(dir.resolve("trainf"), dir.resolve("trainl"), TargetKind.LAB, Vocabulary.MAJMIN, fs, 144);
        Normalization norm = Normalization.of(train);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(c, m, 1);
            new Trainer(b, m, s, Objective.of(s, null), 1, dir.resolve("work")).train(train, List.of(), norm, 48);
            ModelArtifact.save(dir.resolve("model"), c, "majmin", FeatureSpec.BTC, norm, b);
        }
        Path out = dir.resolve("eval");
        assertEquals(0, Cli.execute(new EvaluateStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--model", dir.resolve("model").toString(), "--features",
                dir.resolve("testf").toString(), "--labels", dir.resolve("testl").toString(), "--output", out.toString(),
                "--name", "tiny"));
        JsonNode doc = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals("tiny", doc.get("name").asText());
        assertEquals(2, doc.get("songs").size());
        assertEquals("song2", doc.get("songs_skipped").get(0).asText());
        double majmin = doc.get("total").get("majmin").asDouble();
        System.out.println("evaluate: total majmin " + majmin + ", paper mean " + doc.get("paper_mean").asDouble());
        assertTrue(majmin > 0.5, "majmin far above chance (0.04): " + majmin);
        assertTrue(Files.exists(out.resolve("estimates/song0.lab")));
        assertTrue(Files.exists(out.resolve("provenance.json")));
    }
}
