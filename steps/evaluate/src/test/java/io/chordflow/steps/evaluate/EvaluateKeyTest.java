package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.key.Key;
import io.chordflow.chords.key.KeyScore;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.KeyClasses;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticKeys;
import io.chordflow.model.data.Track;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.Trainer;
import io.chordflow.contract.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate on a key model: song key from the mean frame probability, mir_eval's weighted key score per song and in total. */
class EvaluateKeyTest {
    @Test
    void scoresAKeyModelWithTheWeightedKeyScore(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticKeys.tracks(48, 48, 1);
        SyntheticKeys.writeCorpus(dir.resolve("test/features"), dir.resolve("test/keys"), 8, 96, 2);
        Files.delete(dir.resolve("test/keys/song7.key")); // no reference: skipped, not fatal
        ModelConfig c = new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, 48, null, null, null, null);
        TrainingSettings s = new TrainingSettings(10, 8, 48, 0.0, "ce", null, 6e-3, null, null, null, null, null,
                "constant", null, null, null, 1.0, null, null, null, null, List.of(-5, 6), null);
        Normalization norm = Normalization.of(train);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(c, m, 1);
            new Trainer(b, m, s, Objective.of(s, null), 1, dir.resolve("work")).vocabulary(KeyClasses.INSTANCE)
                    .train(train, List.of(), norm, 48);
            ModelArtifact.save(dir.resolve("model"), c, KeyClasses.NAME, FeatureSpec.BTC, norm, b);
        }
        Path out = dir.resolve("eval");
        // --labels is the split's keys folder (the split folder itself works too)
        assertEquals(0, Cli.execute(new EvaluateStep(Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--model", dir.resolve("model").toString(), "--features", dir.resolve("test/features").toString(),
                "--labels", dir.resolve("test").toString(), "--output", out.toString(), "--name", "tiny-key"));
        JsonNode doc = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals("key", doc.get("task").asText());
        assertEquals("tiny-key", doc.get("name").asText());
        assertEquals("song7", doc.get("songs_skipped").get(0).asText());
        assertEquals(7, doc.get("songs").size());
        double sum = 0;
        double mirex = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("songs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Key ref = Key.parse(e.getValue().get("reference").asText());
            Key est = Key.parse(e.getValue().get("estimate").asText());
            assertEquals(ref, Key.parse(Files.readString(dir.resolve("test/keys/" + e.getKey() + ".key"))));
            assertEquals(est, Key.parse(Files.readString(out.resolve("estimates/" + e.getKey() + ".key"))));
            assertEquals(KeyScore.weighted(ref, est, false), e.getValue().get("weighted_score").asDouble(), 0);
            assertEquals(KeyScore.weighted(ref, est, true), e.getValue().get("mirex_weighted_score").asDouble(), 0);
            sum += e.getValue().get("weighted_score").asDouble();
            mirex += e.getValue().get("mirex_weighted_score").asDouble();
        }
        JsonNode total = doc.get("total");
        assertEquals(sum / 7, total.get("weighted_score").asDouble(), 1e-12, "mean over songs");
        assertEquals(mirex / 7, total.get("mirex_weighted_score").asDouble(), 1e-12);
        assertTrue(total.get("mirex_weighted_score").asDouble() >= total.get("weighted_score").asDouble());
        System.out.println("evaluate key: weighted score " + total.get("weighted_score").asDouble() + ", MIREX "
                + total.get("mirex_weighted_score").asDouble() + ", accuracy " + total.get("accuracy").asDouble());
        assertTrue(total.get("weighted_score").asDouble() > 0.5, "far above chance (~0.1): " + total);
        assertTrue(Files.exists(out.resolve("provenance.json")));
    }
}
