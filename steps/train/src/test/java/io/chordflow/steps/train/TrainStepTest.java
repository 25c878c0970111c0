package io.chordflow.steps.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.common.provenance.Provenance;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.data.SyntheticChords;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainStepTest {
    static final String CONFIG = """
            model: {arch: btc, classes: 25, hidden: 32, layers: 1, heads: 2, filter: 32, timestep: 48}
            stage1:
              epochs: 4
              batch_size: 8
              stride: 24
              val_fraction: 0.2
              loss: focal
              lr: 0.003
              schedule: cosine
              warmup_epochs: 1
              grad_clip: 1.0
              early_stopping_metric: val_majmin
            """;

    @Test
    void aConfigThatDoesNotBindExitsTwoNamingTheField(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 2, 60, Vocabulary.MAJMIN, 3, FeatureSpec.BTC.frameSeconds());
        Files.writeString(dir.resolve("c.json"), "{\"model\": {\"arch\": \"btc\"}, \"training\": {\"epocs\": 3}}\n");
        java.io.StringWriter err = new java.io.StringWriter();
        var cl = Cli.commandLine(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())));
        cl.setErr(new java.io.PrintWriter(err, true));
        int rc = cl.execute("--features", dir.resolve("f").toString(), "--targets", dir.resolve("l").toString(),
                "--target-kind", "lab", "--config", dir.resolve("c.json").toString(), "--output", dir.resolve("out").toString());
        assertEquals(Cli.BAD_INPUT, rc, err.toString());
        assertTrue(err.toString().contains(dir.resolve("c.json") + ": field training.epocs: unknown field (did you mean epochs?)"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void trainsAModelArtifactFromLabFiles(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 8, 120, Vocabulary.MAJMIN, 3, FeatureSpec.BTC.frameSeconds());
        Files.writeString(dir.resolve("c.yaml"), CONFIG);
        int rc = Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--targets", dir.resolve("l").toString(),
                "--target-kind", "lab", "--config", dir.resolve("c.yaml").toString(), "--output", dir.resolve("out").toString(),
                "--seed", "2");
        assertEquals(0, rc);
        Path out = dir.resolve("out");
        try (ModelArtifact a = ModelArtifact.load(out)) {
            assertEquals("majmin", a.vocabulary().name());
            assertEquals(48, a.config().timestep());
        }
        JsonNode metrics = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        JsonNode history = metrics.get("history");
        assertEquals(4, history.size());
        assertTrue(history.get(3).get("train_loss").asDouble() < history.get(0).get("train_loss").asDouble());
        assertEquals(2, metrics.get("songs_val").asInt());
        Provenance p = Provenance.read(out.resolve(Provenance.FILE_NAME));
        assertEquals("train", p.fact(Provenance.STEP));
        assertEquals("2", p.fact(Provenance.SEED));
        assertEquals(2, p.inputs().size());
        // per-epoch metrics reached the tracker (./mlruns file store here)
        try (var files = Files.walk(dir.resolve("mlruns"))) {
            Path trainLoss = files.filter(f -> f.getFileName().toString().equals("train_loss")).findFirst().orElseThrow();
            assertEquals(4, Files.readAllLines(trainLoss).size(), "one value per epoch");
        }
    }

    @Test
    void badConfigIsExitTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), "stage1: {epochs: -1}\n");
        Files.createDirectories(dir.resolve("f"));
        int rc = Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--targets", dir.toString(),
                "--target-kind", "lab", "--config", dir.resolve("c.yaml").toString(), "--output", dir.resolve("o").toString());
        assertEquals(Cli.BAD_INPUT, rc);
    }

    @Test
    void trainsOnHardAndSoftPseudoLabelsInTheTeacherLayout(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 5, 100, Vocabulary.MAJMIN, 4, FeatureSpec.BTC.frameSeconds());
        // what teacher-inference writes: hard/ID.npy int32 [frames], soft/ID.npy float16 [frames, classes]
        for (int i = 0; i < 5; i++) {
            int[] y = io.chordflow.model.data.FrameLabels.of(io.chordflow.chords.LabFile.read(dir.resolve("l/song" + i + ".lab")),
                    100, FeatureSpec.BTC.frameSeconds(), Vocabulary.MAJMIN);
            float[] q = new float[100 * 25];
            for (int t = 0; t < 100; t++) {
                for (int k = 0; k < 25; k++) {
                    q[t * 25 + k] = k == y[t] ? 0.76f : 0.01f;
                }
            }
            io.chordflow.common.io.Npy.writeInt32(dir.resolve("pl/hard/song" + i + ".npy"), y, 100);
            io.chordflow.common.io.Npy.writeFloat16(dir.resolve("pl/soft/song" + i + ".npy"), q, 100, 25);
        }
        Files.writeString(dir.resolve("c.yaml"), CONFIG.replace("epochs: 4", "epochs: 2"));
        for (String kind : new String[] {"hard", "soft"}) {
            Path out = dir.resolve("out-" + kind);
            assertEquals(0, Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--targets",
                    dir.resolve("pl").toString(), "--target-kind", kind, "--config", dir.resolve("c.yaml").toString(),
                    "--output", out.toString()), kind);
            JsonNode history = Json.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("history");
            assertEquals(2, history.size(), kind);
            assertTrue(Files.readString(out.resolve("provenance.json")).contains(kind.equals("soft") ? "soft_ce" : "focal"), kind);
        }
        // paper 2: pseudo-labelled songs mixed with the labelled ones, half the windows each, the pseudo-labelled ones noisy
        Files.writeString(dir.resolve("c.yaml"), CONFIG.replace("epochs: 4", "epochs: 2")
                + "  mix_ratio: 0.5\n  pitch_shift: [-2, 3]\n  freq_masks: 2\n  time_masks: 2\n"
                + "  augment_pseudo_only: true\n");
        Path out = dir.resolve("out-mix");
        assertEquals(0, Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--targets",
                dir.resolve("pl").toString(), "--target-kind", "soft", "--mix-features", dir.resolve("f").toString(),
                "--mix-targets", dir.resolve("l").toString(), "--mix-target-kind", "lab", "--config",
                dir.resolve("c.yaml").toString(), "--output", out.toString()));
        JsonNode m = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(10, m.get("songs_train").asInt() + m.get("songs_val").asInt());
        assertTrue(m.get("songs_train_pseudo").asInt() > 0 && m.get("songs_train_pseudo").asInt() < m.get("songs_train").asInt());
        String prov = Files.readString(out.resolve("provenance.json"));
        for (String key : new String[] {"\"mix_ratio\":0.5", "\"pitch_shift\":[-2,3]", "\"freq_masks\":2", "\"time_masks\":2",
            "\"augment_pseudo_only\":true"}) {
            assertTrue(prov.replace(" ", "").contains(key), key + " in " + prov);
        }
        assertEquals(Cli.BAD_INPUT, Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--features", dir.resolve("f").toString(), "--targets",
                dir.resolve("pl").toString(), "--target-kind", "soft", "--mix-features", dir.resolve("f").toString(),
                "--config", dir.resolve("c.yaml").toString(), "--output", dir.resolve("x").toString()));
    }

    /** Features and hard pseudo-labels as the steps write them with --shards: .npy files, and 2 shards each. */
    static void writeShardedCorpus(Path dir, int songs, int frames) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), songs, frames, Vocabulary.MAJMIN, 4, FeatureSpec.BTC.frameSeconds());
        for (int j = 0; j < 2; j++) {
            String suffix = String.format("-%04d-of-0002", j);
            try (var f = new io.chordflow.common.io.shard.ShardWriter(dir.resolve("f/stream"), "features" + suffix, "features",
                    io.chordflow.common.io.shard.ShardDType.FLOAT32, 144,
                    Json.MAPPER.convertValue(FeatureSpec.BTC, java.util.Map.class));
                 var h = new io.chordflow.common.io.shard.ShardWriter(dir.resolve("pl/stream"), "hard" + suffix, "hard",
                         io.chordflow.common.io.shard.ShardDType.INT32, 1, null)) {
                for (int i = j; i < songs; i += 2) {
                    int[] y = io.chordflow.model.data.FrameLabels.of(io.chordflow.chords.LabFile.read(dir.resolve("l/song" + i + ".lab")),
                            frames, FeatureSpec.BTC.frameSeconds(), Vocabulary.MAJMIN);
                    io.chordflow.common.io.Npy.writeInt32(dir.resolve("pl/hard/song" + i + ".npy"), y, frames);
                    f.add("song" + i, io.chordflow.common.io.Npy.read(dir.resolve("f/song" + i + ".npy")).data());
                    h.add("song" + i, y);
                }
                f.finish();
                h.finish();
            }
        }
    }

    int train(Path dir, String out, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--features", dir.resolve("f").toString(),
                "--targets", dir.resolve("pl").toString(), "--target-kind", "hard", "--config", dir.resolve("c.yaml").toString(),
                "--output", dir.resolve(out).toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                args.toArray(new String[0]));
    }

    @Test
    void aboveTheInMemoryLimitShardedSongsAreStreamedBelowItNothingChanges(@TempDir Path dir) throws Exception {
        writeShardedCorpus(dir, 6, 100);
        Files.writeString(dir.resolve("c.yaml"), CONFIG.replace("epochs: 4", "epochs: 2"));
        assertEquals(0, train(dir, "streamed", "--in-memory-limit", "1k"));
        assertEquals(0, train(dir, "memory")); // 6 songs: far below the default 4g
        JsonNode s = Json.MAPPER.readTree(dir.resolve("streamed/metrics.json").toFile());
        JsonNode m = Json.MAPPER.readTree(dir.resolve("memory/metrics.json").toFile());
        assertEquals(m.get("val_songs"), s.get("val_songs"), "the same song-level split");
        assertEquals(m.get("songs_train"), s.get("songs_train"));
        assertEquals(2, s.get("history").size());
        assertTrue(s.get("history").get(1).get("val_loss").isNumber());
        String prov = Files.readString(dir.resolve("streamed/provenance.json"));
        assertTrue(!prov.contains(io.chordflow.common.io.ContentHash.of(dir.resolve("f"))), "streamed: the shards' hash, not the folder's");
        // below the limit the shards change nothing: the same weights as a run on the .npy files alone
        Files.walk(dir.resolve("f/stream")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, train(dir, "plain"));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("memory/weights.params")),
                Files.readAllBytes(dir.resolve("plain/weights.params"))));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Cli.commandLine(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())));
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(Cli.BAD_INPUT, cl.execute("--features", dir.resolve("f").toString(), "--targets", dir.resolve("pl").toString(),
                "--target-kind", "hard", "--config", dir.resolve("c.yaml").toString(), "--output", dir.resolve("x").toString(),
                "--in-memory-limit", "lots"));
        assertTrue(err.toString().contains("--in-memory-limit 'lots': expected a size"), err.toString());
    }

    @Test
    void aStreamedMixTrainsOnShardedPseudoLabelsAndTheLabelledSetInMemory(@TempDir Path dir) throws Exception {
        writeShardedCorpus(dir, 6, 100);
        Files.writeString(dir.resolve("c.yaml"), CONFIG.replace("epochs: 4", "epochs: 2") + "  mix_ratio: 0.5\n  pitch_shift: [-2, 3]\n");
        assertEquals(0, train(dir, "mix", "--in-memory-limit", "1k", "--mix-features", dir.resolve("f").toString(),
                "--mix-targets", dir.resolve("l").toString(), "--mix-target-kind", "lab"));
        JsonNode m = Json.MAPPER.readTree(dir.resolve("mix/metrics.json").toFile());
        assertEquals(12, m.get("songs_train").asInt() + m.get("songs_val").asInt());
        assertTrue(m.get("songs_train_pseudo").asInt() > 0 && m.get("songs_train_pseudo").asInt() < m.get("songs_train").asInt());
    }

    @Test
    void trainsAKeyModelFromKeyFiles(@TempDir Path dir) throws Exception {
        io.chordflow.model.data.SyntheticKeys.writeCorpus(dir.resolve("labeled/features"), dir.resolve("labeled/keys"), 6, 60, 3);
        Files.writeString(dir.resolve("c.yaml"), "task: key\n" + CONFIG.replace("classes: 25, ", "")
                .replace("epochs: 4", "epochs: 2").replace("early_stopping_metric: val_majmin", "early_stopping_metric: val_accuracy"));
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--features", dir.resolve("labeled/features").toString(), "--targets", dir.resolve("labeled").toString(),
                "--target-kind", "key", "--config", dir.resolve("c.yaml").toString(), "--output", out.toString()));
        try (ModelArtifact a = ModelArtifact.load(out)) {
            assertEquals("key25", a.vocabulary().name());
            assertEquals(25, a.config().classes());
            assertEquals(io.chordflow.model.Task.KEY, a.task());
        }
        assertEquals("key", Json.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("task").asText());
        // a key model does not train on chord labels
        Files.writeString(dir.resolve("labeled/song0.lab"), "0.0 1.0 C:maj\n");
        assertEquals(Cli.BAD_INPUT, Cli.execute(new TrainStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--features", dir.resolve("labeled/features").toString(), "--targets", dir.resolve("labeled").toString(),
                "--target-kind", "lab", "--config", dir.resolve("c.yaml").toString(), "--output", dir.resolve("x").toString()));
    }
}
