package io.chordflow.steps.kd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KdFinetuneStepTest {
    @Test
    void finetunesTheStudentAndLeavesTheTeacher(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 4, 100, Vocabulary.LARGE, 1, FeatureSpec.BTC.frameSeconds());
        ModelConfig teacher = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 48, null, null, null, null);
        ModelConfig student = new ModelConfig("2e1d", 170, null, null, 1, 4, 32, null, 48, 1, 2, 12, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir.resolve("teacher"), teacher, "large", FeatureSpec.BTC, new Normalization(-2, 1.5), Models.initialized(teacher, m, 1));
            ModelArtifact.save(dir.resolve("student"), student, "large", FeatureSpec.BTC, new Normalization(-2.1, 1.4), Models.initialized(student, m, 2));
        }
        Files.writeString(dir.resolve("c.json"), """
                {"model": {"arch": "btc"}, "stage2": {"epochs": 2, "batch_size": 4, "stride": 24, "val_fraction": 0.25,
                 "lr": 1e-3, "schedule": "constant", "plateau_factor": 0.9, "grad_clip": 1.0, "early_stopping_patience": 10},
                 "kd": {"temperature": 3, "alpha": 0.3}}
                """);
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new KdFinetuneStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--labels",
                dir.resolve("l").toString(), "--teacher", dir.resolve("teacher").toString(), "--student",
                dir.resolve("student").toString(), "--config", dir.resolve("c.json").toString(), "--output", out.toString()));
        try (ModelArtifact before = ModelArtifact.load(dir.resolve("student")); ModelArtifact after = ModelArtifact.load(out)) {
            assertEquals(before.config(), after.config(), "student keeps its architecture");
            assertEquals(before.normalization(), after.normalization());
            var p0 = before.block().getParameters();
            var p1 = after.block().getParameters();
            int last = p0.size() - 2; // output projection weight
            assertFalse(Arrays.equals(p0.valueAt(last).getArray().toFloatArray(), p1.valueAt(last).getArray().toFloatArray()),
                    "the student was trained");
        }
        JsonNode metrics = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(2, metrics.get("history").size());
        assertTrue(Double.isFinite(metrics.get("history").get(1).get("train_loss").asDouble()));
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"alpha\""));
    }
}
