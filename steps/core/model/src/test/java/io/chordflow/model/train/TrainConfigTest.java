package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    /** What the workflow compiler writes for the kd-stage2 task of experiments/btc-kd.yaml. */
    static final String COMPILED = """
            {"kd": {"alpha": 0.3, "high_confidence": 0.9, "low_confidence": 0.1, "min_weight": 0.2, "temperature": 3.0},
             "model": {"arch": "btc", "heads": 4, "hidden": 128, "layers": 8, "vocabulary": "large"},
             "seed": 42, "task": "chord",
             "training": {"batch_size": 256, "epochs": 50, "focal_gamma": 2.0, "grad_clip": 1.0, "lr": 1.0e-5,
                          "min_lr": 1.0e-6, "optimizer": "adamw", "patience": 10, "pitch_shift": false,
                          "plateau_factor": 0.9, "schedule": "plateau", "stride": 54, "weight_decay": 1.0e-5, "window": 108}}
            """;

    @Test
    void readsTheCompilersTrainingBlockAndItsSpellings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.json"), COMPILED);
        TrainConfig c = TrainConfig.read(dir.resolve("c.json"), "stage2");
        assertEquals(170, c.model().classes());
        assertEquals(8, c.model().layers());
        TrainingSettings s = c.settings();
        assertEquals(256, s.batchSize());
        assertEquals(54, s.stride());
        assertEquals(1e-5, s.lr());
        assertEquals(10, s.patience());
        assertEquals("constant", s.schedule());
        assertEquals(0.9, s.plateauFactor());
        assertEquals(1.0, s.gradClip());
        assertEquals(List.of(), s.pitchShift());
        assertEquals(108, s.window());
        assertEquals(0.2, c.kd().minWeight());
        assertEquals(0.1, c.kd().lowConfidence());
    }

    @Test
    void stageBlocksAliasesAndErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), """
                model: {arch: 2e1d, vocabulary: majmin}
                stage1: {lr: 1.0e-4, max_lr: 3.0e-4, warmup_epochs: 10, schedule: cosine, pitch_shift: true}
                stage2: {lr: 1.0e-5}
                """);
        TrainConfig c = TrainConfig.read(dir.resolve("c.yaml"), "stage1");
        assertEquals(25, c.model().classes());
        assertEquals(3e-4, c.settings().maxLr());
        assertEquals(List.of(-5, 6), c.settings().pitchShift());
        assertEquals(1e-5, TrainConfig.read(dir.resolve("c.yaml"), "stage2").settings().lr());
        Files.writeString(dir.resolve("bad.yaml"), "training: {optimizer: sgd}\n");
        InputException e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("bad.yaml"), "stage1"));
        assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
        Files.writeString(dir.resolve("bad2.yaml"), "model: {vocabulary: large, classes: 25}\n");
        assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("bad2.yaml"), "stage1"));
    }

    @Test
    void aFieldThatDoesNotBindIsNamedWithItsBlock(@TempDir Path dir) throws Exception {
        // what the train step gets when a config did not come from a validated spec
        Files.writeString(dir.resolve("t.json"), "{\"training\": {\"epocs\": 3}}");
        InputException e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("t.json"), "stage1"));
        assertEquals(dir.resolve("t.json") + ": field training.epocs: unknown field (did you mean epochs?)", e.getMessage());
        Files.writeString(dir.resolve("k.json"), "{\"training\": {}, \"kd\": {\"alpha\": 1.5}}");
        e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("k.json"), "stage2"));
        assertEquals(dir.resolve("k.json") + ": field kd.alpha: 1.5: expected 0 <= alpha <= 1", e.getMessage());
        Files.writeString(dir.resolve("n.json"), "{\"training\": {\"epochs\": \"ten\"}}");
        e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("n.json"), "stage1"));
        assertTrue(e.getMessage().startsWith(dir.resolve("n.json") + ": field training.epochs: expected a whole number"), e.getMessage());
        Files.writeString(dir.resolve("top.json"), "{\"training\": {}, \"kd\": {}, \"modle\": {}}");
        e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("top.json"), "stage1"));
        assertEquals(dir.resolve("top.json") + ": field modle: unknown field (did you mean model?)", e.getMessage());
    }

    @Test
    void aModelKeyTheModelDoesNotHaveIsNamed(@TempDir Path dir) throws Exception {
        // a 2E1D block with another model's keys once trained the full-size default without a word
        Files.writeString(dir.resolve("m.yaml"), "model: {arch: 2e1d, vocabulary: large, gru_hidden: 128}\n");
        InputException e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("m.yaml"), "stage1"));
        assertTrue(e.getMessage().contains("m.yaml: field model.gru_hidden: unknown field (expected one of ["),
                e.getMessage());
        assertTrue(e.getMessage().contains("freq_layers"), e.getMessage());
    }
}
