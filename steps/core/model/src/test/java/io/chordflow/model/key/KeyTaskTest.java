package io.chordflow.model.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.KeyClasses;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.Task;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticKeys;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.SongKey;
import io.chordflow.model.train.EpochMetrics;
import io.chordflow.model.train.Objective;
import io.chordflow.model.train.TrainConfig;
import io.chordflow.model.train.Trainer;
import io.chordflow.contract.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key task: 25 classes as mir_eval names them, .key targets, a song key from frame outputs, and a tiny model that learns. */
class KeyTaskTest {
    @Test
    void keyClassesFollowMirEvalNames() {
        KeyClasses k = KeyClasses.INSTANCE;
        assertEquals(25, k.size());
        assertEquals("key25", k.name());
        String[][] table = {{"C major", "0"}, {"C minor", "1"}, {"C# major", "2"}, {"Db major", "2"}, {"eb minor", "7"},
            {"A minor", "19"}, {"B minor", "23"}, {"X", "24"}, {"E other", "24"}};
        for (String[] row : table) {
            assertEquals(Integer.parseInt(row[1]), k.index(row[0]), row[0]);
        }
        assertEquals("C# major", k.label(2));
        assertEquals("X", k.label(24));
        assertEquals(24, k.noChord());
        assertEquals(k.index("D major"), k.transpose(k.index("C major"), 2));
        assertEquals(k.index("B minor"), k.transpose(k.index("C minor"), -1));
        assertEquals(24, k.transpose(24, 5));
        assertThrows(InputException.class, () -> k.index("H major"));
        assertEquals(k, Task.vocabulary("key25"));
        assertEquals(Vocabulary.MAJMIN, Task.vocabulary("majmin"));
        assertEquals(Task.KEY, Task.of(k));
    }

    @Test
    void songKeyIsTheArgmaxOfTheMeanFrameProbability() {
        // two confident frames for class 0 lose to three mild frames for class 1: the mean, not a vote of argmaxes
        float[][] z = {{9, 0, 0}, {9, 0, 0}, {0, 3, 2.9f}, {0, 3, 2.9f}, {0, 3, 2.9f}};
        double[] p = SongKey.meanProbabilities(z);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
        assertEquals(0, SongKey.of(z, 24)); // 2 * ~1.0 vs 3 * ~0.5: class 0 still has the larger mean
        float[][] z2 = {{2, 0, 0}, {0, 9, 0}, {0, 9, 0}};
        assertEquals(1, SongKey.of(z2, 24));
        assertEquals(24, SongKey.of(new float[0][], 24));
    }

    @Test
    void configTaskKeySelectsTheKeyClasses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), "task: key\nmodel: {arch: btc, layers: 2}\ntraining: {epochs: 3}\n");
        TrainConfig c = TrainConfig.read(dir.resolve("c.yaml"), "stage1");
        assertEquals(25, c.model().classes());
        assertEquals(KeyClasses.INSTANCE, c.vocabulary());
        assertEquals(Task.KEY, c.task());
        Files.writeString(dir.resolve("v.yaml"), "model: {vocabulary: key25}\n");
        assertEquals(KeyClasses.INSTANCE, TrainConfig.read(dir.resolve("v.yaml"), "stage1").vocabulary());
        Files.writeString(dir.resolve("bad.yaml"), "task: key\nmodel: {vocabulary: large}\n");
        InputException e = assertThrows(InputException.class, () -> TrainConfig.read(dir.resolve("bad.yaml"), "stage1"));
        assertTrue(e.getMessage().contains("model.vocabulary"), e.getMessage());
        Files.writeString(dir.resolve("chord.yaml"), "task: chord\nmodel: {vocabulary: majmin}\n");
        assertEquals(Vocabulary.MAJMIN, TrainConfig.read(dir.resolve("chord.yaml"), "stage1").vocabulary());
    }

    @Test
    void keyTargetsComeFromKeyFilesAndA2CopiesShareThem(@TempDir Path dir) throws Exception {
        SyntheticKeys.writeCorpus(dir.resolve("f"), dir.resolve("split/keys"), 3, 40, 7);
        Files.copy(dir.resolve("f/song1.npy"), dir.resolve("f/song1.aug0.npy"));
        double fs = FeatureSpec.BTC.frameSeconds();
        // --targets may name the split (keys/ is found) or the keys folder itself
        List<Track> t = TrackLoader.load(dir.resolve("f"), dir.resolve("split"), TargetKind.KEY, KeyClasses.INSTANCE, fs, 144);
        assertEquals(4, t.size());
        String key1 = Files.readString(dir.resolve("split/keys/song1.key")).strip();
        for (Track tr : t) {
            if (tr.id().startsWith("song1")) {
                for (int y : tr.hard()) {
                    assertEquals(KeyClasses.INSTANCE.index(key1), y, tr.id());
                }
            }
        }
        assertEquals("song1", TrackLoader.cleanId("song1.aug0"));
        assertEquals("a/b.c", TrackLoader.cleanId("a/b.c"));
        assertThrows(InputException.class, () -> TrackLoader.load(dir.resolve("f"), dir.resolve("split"), TargetKind.KEY,
                Vocabulary.MAJMIN, fs, 144));
        Files.writeString(dir.resolve("split/keys/song0.key"), "H major\n");
        assertEquals(3, TrackLoader.load(dir.resolve("f"), dir.resolve("split/keys"), TargetKind.KEY, KeyClasses.INSTANCE, fs, 144).size(),
                "a bad key file skips its song");
    }

    @Test
    void tinyBtcLearnsKeys(@TempDir Path dir) throws Exception {
        List<Track> train = SyntheticKeys.tracks(48, 48, 1);
        List<Track> test = SyntheticKeys.tracks(12, 96, 2);
        ModelConfig c = new ModelConfig("btc", 25, null, 32, 1, 2, 32, 0.1, 48, null, null, null, null);
        // A1 on (every window moved by -5..+6 semitones, its key target with it): without it 24 keys from ~2 songs
        // each overfit; with it the model has to learn the key from the intervals, and does
        TrainingSettings s = new TrainingSettings(10, 8, 48, 0.0, "ce", null, 6e-3, null, null, null, null, null,
                "constant", null, null, null, 1.0, null, null, null, null, List.of(-5, 6), null);
        Normalization norm = Normalization.of(train);
        List<EpochMetrics> seen = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Models.initialized(c, m, 1);
            new Trainer(b, m, s, Objective.of(s, null), 1, dir.resolve("work")).vocabulary(KeyClasses.INSTANCE)
                    .listener(seen::add).train(train, test, norm, 48);
            ModelArtifact.save(dir.resolve("model"), c, KeyClasses.NAME, FeatureSpec.BTC, norm, b);
        }
        assertTrue(Double.isNaN(seen.get(seen.size() - 1).valMajmin()), "no majmin score for keys");
        try (ModelArtifact a = ModelArtifact.load(dir.resolve("model"))) {
            assertEquals(Task.KEY, a.task());
            assertEquals("key", io.chordflow.common.io.Json.MAPPER.readTree(dir.resolve("model/model.json").toFile()).get("task").asText());
            ChordRecognizer r = new ChordRecognizer(a);
            int right = 0;
            double weighted = 0;
            for (Track t : test) {
                float[][] x = new float[t.frames()][144];
                for (int i = 0; i < t.frames(); i++) {
                    System.arraycopy(t.features(), i * 144, x[i], 0, 144);
                }
                int est = SongKey.of(r.logits(x), 24);
                right += est == t.hard()[0] ? 1 : 0;
                weighted += io.chordflow.chords.key.KeyScore.weighted(io.chordflow.chords.key.KeyVocabulary.key(t.hard()[0]),
                        io.chordflow.chords.key.KeyVocabulary.key(est)) / test.size();
            }
            System.out.printf("key: %d of %d test songs right (chance 1/24), weighted score %.3f, val frame accuracy %.3f%n",
                    right, test.size(), weighted, seen.get(seen.size() - 1).valAccuracy());
            // deterministic run (seeded data, init, order, shifts); chance: 0.5 songs right, weighted score ~0.1
            assertTrue(right >= 6, "songs with the right key: " + right + " of " + test.size());
            assertTrue(weighted > 0.5, "mean weighted key score " + weighted);
        }
    }
}
