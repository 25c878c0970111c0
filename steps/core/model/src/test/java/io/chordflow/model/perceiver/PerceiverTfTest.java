package io.chordflow.model.perceiver;

import io.chordflow.contract.PerceiverTfConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.cli.ModelInfoCommand;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceiverTfTest {
    private static JsonNode modelInfo(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf));
        try {
            assertEquals(0, Cli.execute(new ModelInfoCommand(), args));
        } finally {
            System.setOut(old);
        }
        return Json.MAPPER.readTree(buf.toString());
    }

    /**
     * Paper 2's Table 2, chord rows (2.9 M, then 91.9 M in round 3): the defaults are round 1's sizes, flags
     * give round 3's; each count equals the PyTorch reference's at the same sizes
     * ({@code perceiver_tf_reference.py count 25 144 64 5 4 64 8} and {@code ... 256 6 8 256 8}).
     */
    @Test
    void modelInfoCountsTheRoundSizesOfTable2() throws Exception {
        JsonNode r1 = modelInfo("--arch", "perceiver-tf", "--classes", "25");
        assertEquals("perceiver-tf", r1.get("arch").asText());
        assertEquals(3_158_060L, r1.get("params").asLong());
        assertEquals(64, r1.get("model").get("perceiver").get("spec_dim").asInt());
        JsonNode r3 = modelInfo("--arch", "perceiver-tf", "--classes", "25", "--hidden", "256", "--spec-dim", "256",
                "--heads", "8", "--layers", "6");
        assertEquals(97_121_644L, r3.get("params").asLong(), "about 100 M parameters, as the paper's third round");
        assertEquals(Cli.BAD_INPUT, Cli.execute(new ModelInfoCommand(), "--arch", "perceiver-tf", "--pool", "2,0"));
        assertEquals(Cli.BAD_INPUT, Cli.execute(new ModelInfoCommand(), "--arch", "perceiver-tf", "--pool", "64,1;64,1"));
    }

    @Test
    void aTrainingConfigNamesItsSizesAndAMisspelledOneIsAnError(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, "model: {arch: perceiver-tf, hidden: 32, perceiver: {latents: 4, pool: [[4, 1]]}}\n");
        ModelConfig c = TrainConfig.read(ok, "stage1").model();
        assertEquals(4, c.perceiver().latents());
        assertEquals(List.of(List.of(4, 1)), c.perceiver().pool());
        assertEquals(32, c.perceiver().headDim(), "each head at the full width by default");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "model: {arch: perceiver-tf, perceiver: {latent: 4}}\n");
        InputException t = assertThrows(InputException.class, () -> TrainConfig.read(typo, "stage1"));
        assertTrue(t.getMessage().contains("field model.perceiver.latent: unknown field (did you mean latents?)"), t.getMessage());
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "model: {arch: btc, perceiver: {latents: 4}}\n");
        assertThrows(InputException.class, () -> TrainConfig.read(other, "stage1"), "a perceiver block on a btc model");
        InputException e = assertThrows(InputException.class, () -> new PerceiverTfConfig(null, null, null, null, null,
                null, null, List.of(List.of(2)), null, null).complete(144, 64));
        assertTrue(e.getMessage().startsWith("field pool:"), e.getMessage());
    }

    @Test
    void savedModelLoadsWithItsSizesAndGivesTheSameLogits(@TempDir Path dir) throws Exception {
        ModelConfig c = PerceiverTfGoldenTest.small(25);
        float[] x = new float[8 * 72];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37);
        }
        float[] before;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(c, m, 4);
            before = block.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, 8, 72))), false)
                    .singletonOrThrow().toFloatArray();
            ModelArtifact.save(dir, c, "majmin", FeatureSpec.BTC, new Normalization(0, 1), block);
        }
        try (ModelArtifact a = ModelArtifact.load(dir)) {
            assertEquals(c, a.config());
            NDManager m = a.manager();
            float[] after = a.block().forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, 8, 72))), false)
                    .singletonOrThrow().toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
    }
}
