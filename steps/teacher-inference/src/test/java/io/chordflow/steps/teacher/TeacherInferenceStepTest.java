package io.chordflow.steps.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Npy;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.infer.ChordRecognizer;
import io.chordflow.model.infer.Segments;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherInferenceStepTest {
    @Test
    void writesHardAndSoftLabelsForItsShard(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 5, 70, Vocabulary.LARGE, 1, FeatureSpec.BTC.frameSeconds());
        Files.writeString(dir.resolve("f").resolve("broken.npy"), "not numpy");
        ModelConfig c = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 32, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir.resolve("teacher"), c, "large", FeatureSpec.BTC, new Normalization(-2, 1.2), Models.initialized(c, m, 3));
        }
        Path out = dir.resolve("out");
        // 6 files sorted: broken, song0..song4 -> shard 0/2 takes broken, song1, song3
        assertEquals(0, Cli.execute(new TeacherInferenceStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--model", dir.resolve("teacher").toString(),
                "--features", dir.resolve("f").toString(), "--output", out.toString(), "--shard", "0/2", "--soft"));
        assertTrue(Files.exists(out.resolve("hard/song1.npy")));
        assertTrue(Files.exists(out.resolve("hard/song3.npy")));
        assertFalse(Files.exists(out.resolve("hard/song0.npy")));
        assertTrue(Files.exists(out.resolve("provenance-0-of-2.json")), "per-shard provenance");
        assertTrue(Files.readString(out.resolve("summary-0-of-2.json")).contains("broken"));
        Npy.Array hard = Npy.read(out.resolve("hard/song1.npy"));
        Npy.Array soft = Npy.read(out.resolve("soft/song1.npy"));
        assertEquals(Npy.DType.INT32, hard.dtype());
        assertEquals(Npy.DType.FLOAT16, soft.dtype());
        assertArrayEquals(new int[] {70, 170}, soft.shape());
        float sum = 0;
        for (int k = 0; k < 170; k++) {
            sum += soft.data()[k];
        }
        assertEquals(1f, sum, 0.02f, "frame 0 probabilities sum to 1");
        Npy.Array x = Npy.read(dir.resolve("f/song1.npy"));
        float[][] rows = new float[x.rows()][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = x.row(t);
        }
        try (ModelArtifact teacher = ModelArtifact.load(dir.resolve("teacher"))) {
            assertArrayEquals(Segments.argmax(new ChordRecognizer(teacher).logits(rows)), hard.asInts());
        }
        assertEquals(Cli.BAD_INPUT, Cli.execute(new TeacherInferenceStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), "--model", dir.resolve("teacher").toString(),
                "--features", dir.resolve("f").toString(), "--output", out.toString(), "--shard", "2/2"));
    }

    /** --shards: songs from the feature shards J = I mod N, targets in shards aligned with them, equal to the .npy targets. */
    @Test
    void withShardsThePseudoLabelsAreWrittenAsShardsAlignedWithTheFeatureShards(@TempDir Path dir) throws Exception {
        java.util.List<io.chordflow.model.data.Track> tracks = SyntheticChords.tracks(5, 40, 170, 2);
        for (int j = 0; j < 3; j++) {
            try (var w = new io.chordflow.common.io.shard.ShardWriter(dir.resolve("f/stream"), "features-000" + j + "-of-0003",
                    "features", io.chordflow.common.io.shard.ShardDType.FLOAT32, 144, null)) {
                for (int i = j; i < tracks.size(); i += 3) {
                    w.add(tracks.get(i).id(), tracks.get(i).features());
                }
                w.finish();
            }
        }
        ModelConfig c = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 32, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir.resolve("teacher"), c, "large", FeatureSpec.BTC, new Normalization(-2, 1.2), Models.initialized(c, m, 3));
        }
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new TeacherInferenceStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--model", dir.resolve("teacher").toString(), "--features", dir.resolve("f").toString(), "--output", out.toString(),
                "--shard", "0/2", "--soft", "--shards"));
        // this run takes feature shards 0 and 2 (J mod 2 = 0)
        assertFalse(Files.exists(out.resolve("stream/hard-0001-of-0003.cfshard.json")));
        for (int j : new int[] {0, 2}) {
            var fix = io.chordflow.common.io.shard.ShardIndex.read(dir.resolve("f/stream/features-000" + j + "-of-0003.cfshard.json"));
            var hix = io.chordflow.common.io.shard.ShardIndex.read(out.resolve("stream/hard-000" + j + "-of-0003.cfshard.json"));
            var six = io.chordflow.common.io.shard.ShardIndex.read(out.resolve("stream/soft-000" + j + "-of-0003.cfshard.json"));
            assertEquals(fix.songs().stream().map(x -> x.id() + "/" + x.frames()).toList(),
                    hix.songs().stream().map(x -> x.id() + "/" + x.frames()).toList(), "the same songs in the same order");
            assertEquals(170, six.columns());
            try (var r = io.chordflow.common.io.shard.ShardReader.open(hix, out.resolve("stream").resolve(hix.data()), true)) {
                for (var song : hix.songs()) {
                    int[] y = new int[song.frames()];
                    r.read(song, 0, song.frames(), y, 0);
                    assertArrayEquals(Npy.read(out.resolve("hard/" + song.id() + ".npy")).asInts(), y, song.id());
                }
            }
        }
    }

    /** --shards from s3:// (committed as step shards): the run pseudo-labels the songs of its own feature shards. */
    @Test
    void withShardsFromS3TheRunPseudoLabelsItsOwnFeatureShards(@TempDir Path dir) throws Exception {
        java.util.List<io.chordflow.model.data.Track> tracks = SyntheticChords.tracks(4, 30, 170, 3);
        try (io.chordflow.storage.S3ProxyServer s3 = new io.chordflow.storage.S3ProxyServer()) {
            java.util.Map<String, String> env = java.util.Map.of(io.chordflow.common.EnvNames.MLFLOW_S3_ENDPOINT_URL, s3.endpoint(),
                    io.chordflow.common.EnvNames.AWS_ACCESS_KEY_ID, io.chordflow.storage.S3ProxyServer.ACCESS,
                    io.chordflow.common.EnvNames.AWS_SECRET_ACCESS_KEY, io.chordflow.storage.S3ProxyServer.SECRET,
                    "MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString());
            io.chordflow.storage.ArtifactStore store = io.chordflow.storage.ArtifactStores.from(env);
            for (int j = 0; j < 2; j++) { // two features shards, committed as the features step's shards are
                io.chordflow.storage.StepIo producer = new io.chordflow.storage.StepIo(store, dir.resolve("w" + j)).shard(j, 2);
                Path out = producer.output("s3://ti-test/features", "--output");
                try (var w = new io.chordflow.common.io.shard.ShardWriter(out.resolve("stream"), "features-000" + j + "-of-0002",
                        "features", io.chordflow.common.io.shard.ShardDType.FLOAT32, 144, null)) {
                    for (int i = j; i < tracks.size(); i += 2) {
                        w.add(tracks.get(i).id(), tracks.get(i).features());
                    }
                    w.finish();
                }
                producer.publish();
            }
            ModelConfig c = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 32, null, null, null, null);
            try (NDManager m = NDManager.newBaseManager()) {
                ModelArtifact.save(dir.resolve("teacher"), c, "large", FeatureSpec.BTC, new Normalization(-2, 1.2), Models.initialized(c, m, 3));
            }
            Path out = dir.resolve("out");
            assertEquals(0, Cli.execute(new TeacherInferenceStep(env), "--model", dir.resolve("teacher").toString(),
                    "--features", "s3://ti-test/features", "--output", out.toString(), "--shard", "1/2", "--shards"));
            assertTrue(Files.exists(out.resolve("stream/hard-0001-of-0002.cfshard")));
            assertFalse(Files.exists(out.resolve("stream/hard-0000-of-0002.cfshard")));
            assertTrue(Files.exists(out.resolve("hard/song1.npy")) && Files.exists(out.resolve("hard/song3.npy")));
            assertFalse(Files.exists(out.resolve("hard/song0.npy")));
        }
    }

    /** A key model pseudo-labels as a chord model does: 25 probabilities per frame, which a key student trains on. */
    @Test
    void keyTeacherWritesProbabilitiesOverTheKeyClasses(@TempDir Path dir) throws Exception {
        io.chordflow.model.data.SyntheticKeys.writeCorpus(dir.resolve("f"), dir.resolve("k"), 2, 40, 1);
        Files.copy(dir.resolve("f/song0.npy"), dir.resolve("f/song0.aug0.npy")); // an A2 copy: the teacher skips it
        ModelConfig c = new ModelConfig("btc", 25, null, 16, 1, 2, 16, null, 32, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir.resolve("teacher"), c, io.chordflow.model.KeyClasses.NAME, FeatureSpec.BTC,
                    new Normalization(-2, 1.2), Models.initialized(c, m, 3));
        }
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new TeacherInferenceStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--model", dir.resolve("teacher").toString(), "--features", dir.resolve("f").toString(), "--output", out.toString(), "--soft", "--clean-only"));
        assertFalse(Files.exists(out.resolve("soft/song0.aug0.npy")));
        Npy.Array soft = Npy.read(out.resolve("soft/song0.npy"));
        assertArrayEquals(new int[] {40, 25}, soft.shape());
        java.util.List<io.chordflow.model.data.Track> t = io.chordflow.model.data.TrackLoader.load(dir.resolve("f"), out,
                io.chordflow.model.data.TargetKind.SOFT, io.chordflow.model.KeyClasses.INSTANCE, FeatureSpec.BTC.frameSeconds(), 144);
        assertEquals(3, t.size(), "the copy trains on song0's pseudo-labels");
        assertTrue(t.get(0).pseudo());
    }
}
