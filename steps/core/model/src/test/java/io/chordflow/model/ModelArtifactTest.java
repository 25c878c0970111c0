package io.chordflow.model;

import io.chordflow.contract.FeatureSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.chords.ChordSegment;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.model.cli.ModelInfoCommand;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.Smoothing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
    private static final ModelConfig SMALL = new ModelConfig("btc", 25, null, 16, 1, 2, 16, null, 20, null, null, null, null);

    @Test
    void savedModelLoadsFromItsFolderAloneAndPredictsTheSame(@TempDir Path dir) throws Exception {
        float[][] features = new float[45][144];
        for (int t = 0; t < 45; t++) {
            for (int b = 0; b < 144; b++) {
                features[t][b] = (float) Math.sin(t * 0.3 + b);
            }
        }
        float[][] before;
        float[] inMemory; // the trained block's own logits for the first window (20 frames), normalised by hand
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.initialized(SMALL, m, 5);
            float[] x = new float[20 * 144];
            for (int t = 0; t < 20; t++) {
                for (int b = 0; b < 144; b++) {
                    x[t * 144 + b] = (features[t][b] - 0.5f) / 2f;
                }
            }
            inMemory = block.forward(new ai.djl.training.ParameterStore(m, false),
                    new ai.djl.ndarray.NDList(m.create(x, new ai.djl.ndarray.types.Shape(1, 20, 144))), false)
                    .singletonOrThrow().toFloatArray();
            ModelArtifact.save(dir, SMALL, "majmin", FeatureSpec.BTC, new Normalization(0.5, 2), block);
        }
        try (ModelArtifact a = ModelArtifact.load(dir)) {
            assertEquals(SMALL, a.config());
            assertEquals(new Normalization(0.5, 2), a.normalization());
            assertEquals(FeatureSpec.BTC, a.featureSpec());
            assertEquals(25, a.vocabulary().size());
            ChordRecognizer r = new ChordRecognizer(a);
            before = r.logits(features);
            assertEquals(45, before.length);
            for (int t = 0; t < 20; t++) {
                for (int k = 0; k < 25; k++) {
                    assertEquals(inMemory[t * 25 + k], before[t][k], 1e-5f, "loaded model vs the block that was saved, frame " + t);
                }
            }
            List<ChordSegment> segs = r.segments(features);
            assertEquals(0.0, segs.get(0).start());
            assertEquals(45 * 2048 / 22050.0, segs.get(segs.size() - 1).end(), 1e-9);
            for (int i = 1; i < segs.size(); i++) {
                assertEquals(segs.get(i - 1).end(), segs.get(i).start(), 1e-12);
                assertTrue(!segs.get(i - 1).label().equals(segs.get(i).label()), "adjacent segments differ");
            }
        }
        try (ModelArtifact again = ModelArtifact.load(dir)) {
            float[][] after = new ChordRecognizer(again).logits(features);
            for (int t = 0; t < 45; t++) {
                assertArrayEquals(before[t], after[t], 0f);
            }
        }
    }

    @Test
    void unknownFormatVersionIsRejected(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir, SMALL, "majmin", FeatureSpec.BTC, new Normalization(0, 1), Models.initialized(SMALL, m, 1));
        }
        Path json = dir.resolve(ModelArtifact.JSON);
        Files.writeString(json, Files.readString(json).replace("\"format_version\" : 1", "\"format_version\" : 99"));
        InputException e = assertThrows(InputException.class, () -> ModelArtifact.load(dir));
        assertTrue(e.getMessage().contains("format_version"), e.getMessage());
        assertThrows(InputException.class, () -> ModelArtifact.load(dir.resolve("nothing")));
        Files.writeString(json, Files.readString(json).replace("\"format_version\" : 99", "\"format_version\" : 1")
                .replace("\"arch\" : \"btc\"", "\"arch\" : \"gru\""));
        e = assertThrows(InputException.class, () -> ModelArtifact.load(dir));
        assertTrue(e.getMessage().contains("arch"), e.getMessage());
    }

    @Test
    void gaussianSmoothingAveragesNeighboursAndKeepsConstants() {
        float[][] z = new float[20][2];
        for (int t = 0; t < 20; t++) {
            z[t][0] = 1;
            z[t][1] = t == 10 ? 9 : 0;
        }
        float[][] s = Smoothing.gaussian(z, 9);
        assertEquals(1f, s[0][0], 1e-6f);
        assertEquals(1f, s[19][0], 1e-6f);
        assertTrue(s[10][1] < 9 && s[10][1] > s[9][1] && s[9][1] > 0 && s[2][1] < 1e-3, "spike spread");
    }

    @Test
    void modelInfoPrintsTheParameterCount() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf));
        try {
            assertEquals(0, Cli.execute(new ModelInfoCommand(), "--arch", "btc", "--classes", "170"));
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString().contains("\"params\" : 2937514"), buf.toString());
        assertEquals(Cli.BAD_INPUT, Cli.execute(new ModelInfoCommand(), "--arch", "rnn"));
    }

    /** Knowledge expansion: a round-2 student (BTC 12 layers, width 192, 6 heads) from its config; it builds and takes a training step. */
    @Test
    void modelInfoShowsALargerStudentFromItsConfigAndItTrains(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("r2.yaml"), "task: key\nmodel: {arch: btc, layers: 12, hidden: 192, heads: 6, filter: 192}\n");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf));
        try {
            assertEquals(0, Cli.execute(new ModelInfoCommand(), "--config", dir.resolve("r2.yaml").toString()));
        } finally {
            System.setOut(old);
        }
        com.fasterxml.jackson.databind.JsonNode info = io.chordflow.common.io.Json.MAPPER.readTree(buf.toString());
        assertEquals(12, info.get("layers").asInt());
        assertEquals(192, info.get("hidden").asInt());
        assertEquals(6, info.get("heads").asInt());
        assertEquals("key", info.get("task").asText());
        assertEquals(25, info.get("classes").asInt());
        ModelConfig big = new ModelConfig("btc", 25, null, 192, 12, 6, 192, 0.1, 8, null, null, null, null);
        long params = info.get("params").asLong();
        // the authors' PyTorch BTC at these sizes (src/test/python/btc_reference.py, BTC(h=192, layers=12, heads=6,
        // classes=25)): 10,017,625 parameters, less its unused LSTM's 222,720
        assertEquals(9_794_905L, params);
        assertTrue(params > 3 * 2937514, "round 2 is several times round 1's BTC: " + params);
        java.util.List<io.chordflow.model.data.Track> t = io.chordflow.model.data.SyntheticKeys.tracks(1, 8, 1);
        io.chordflow.contract.TrainingSettings s = new io.chordflow.contract.TrainingSettings(1, 1, 8, 0.0, "ce", null,
                1e-4, null, null, null, null, null, "constant", null, null, null, 1.0, null, null, null, null, null, null);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.nn.Block b = Models.initialized(big, m, 1);
            io.chordflow.model.train.Trainer.Result r = new io.chordflow.model.train.Trainer(b, m, s,
                    io.chordflow.model.train.Objective.of(s, null), 1, dir.resolve("w"))
                    .vocabulary(KeyClasses.INSTANCE).train(t, java.util.List.of(), io.chordflow.model.data.Normalization.of(t), 8);
            assertEquals(1, r.state().globalStep);
            assertTrue(Double.isFinite(r.state().history.get(0).trainLoss()));
        }
    }
}
