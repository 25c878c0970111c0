package io.chordflow.steps.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.WavWriter;
import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.common.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeaturesStepTest {
    @TempDir
    Path tmp;

    static float[] tone(double f, double seconds, int sr) {
        float[] y = new float[(int) (seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / sr));
        }
        return y;
    }

    /** Two good files in sub-folders, an empty one, a truncated one, junk, and a label file that is not audio. */
    Path corpus() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a/b"));
        Files.write(in.resolve("a/one.wav"), WavWriter.bytes(tone(440, 2.0, 22050), 22050));
        Files.write(in.resolve("a/b/two.wav"), WavWriter.bytes(tone(220, 1.5, 44100), 44100));
        Files.write(in.resolve("empty.wav"), new byte[0]);
        byte[] full = WavWriter.bytes(tone(330, 1.0, 22050), 22050);
        Files.write(in.resolve("cut.wav"), java.util.Arrays.copyOf(full, full.length / 2));
        Files.write(in.resolve("junk.mp3"), "not audio at all, just text".repeat(50).getBytes());
        Files.writeString(in.resolve("a/one.lab"), "0.0 2.0 A:maj\n");
        return in;
    }

    /** The step with its tracker in this test's folder (a file store, as ./mlruns would be). */
    FeaturesStep step() {
        return new FeaturesStep(java.util.Map.of("MLFLOW_TRACKING_URI", tmp.resolve("mlruns").toUri().toString()));
    }

    /** Provenance as the step hands it to its work (seed 0). */
    static io.chordflow.common.provenance.Provenance.Builder provenance() {
        return io.chordflow.common.provenance.Provenance.forStep("features", FeaturesStep.STEP_VERSION, 0);
    }

    int exec(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine(step());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesNpyPerFileManifestAndProvenance() throws Exception {
        Path in = corpus();
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(Cli.PARTIAL, exec(err, "--input", in.toString(), "--output", out.toString(), "--threads", "2"),
                "3 of 5 files could not be decoded: partial");
        assertTrue(err.toString().contains("features: 3 of 5 files skipped"), err.toString());
        assertEquals(3, Files.readAllLines(out.resolve("skipped.txt")).size(), "the list of skipped files");
        // the run reached the tracker: a file store with the step's metrics
        try (var files = Files.walk(tmp.resolve("mlruns"))) {
            assertTrue(files.anyMatch(p -> p.endsWith("metrics/files_failed")), "tracked metrics");
        }

        Npy.Array a = Npy.read(out.resolve("a/one.npy"));
        float[][] expect = CqtFeatures.compute(AudioLoader.load(in.resolve("a/one.wav"), 22050));
        assertArrayEquals(new int[] {expect.length, 144}, a.shape());
        assertArrayEquals(expect[5], a.row(5));
        assertEquals(1 + 44100 / 2048, a.rows());
        assertTrue(Files.isRegularFile(out.resolve("a/b/two.npy")));
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));

        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals(2, m.get("tracks").size());
        JsonNode t = m.get("tracks").get(0);
        assertEquals("a/b/two", t.get("track_id").asText());
        assertEquals(33075, t.get("samples").asLong(), "1.5 s at 44.1 kHz resampled to 22050");
        assertEquals(1 + 33075 / 2048, t.get("frames").asInt());
        assertEquals(64, t.get("source_sha256").asText().length());
        assertEquals(144, m.get("feature_spec").get("bins").asInt());
        assertEquals(3, m.get("failed").size());
        String failed = m.get("failed").toString();
        assertTrue(failed.contains("empty.wav") && failed.contains("empty file"), failed);
        assertTrue(failed.contains("cut.wav") && failed.contains("truncated"), failed);
        assertTrue(failed.contains("junk.mp3"), failed);
    }

    @Test
    void secondRunSkipsDoneFilesAndWritesTheSameBytes() throws Exception {
        Path in = corpus();
        Path out = tmp.resolve("out");
        FeaturesStep step = step();
        step.input = in.toString();
        step.output = out.toString();
        FeaturesStep.Result first = step.compute(new LocalFeaturesIo(step.input, step.output), Shard.ALL, 1, provenance());
        assertEquals(2, first.computed());
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        byte[] npy = Files.readAllBytes(out.resolve("a/one.npy"));

        FeaturesStep.Result second = step.compute(new LocalFeaturesIo(step.input, step.output), Shard.ALL, 1, provenance());
        assertEquals(0, second.computed());
        assertEquals(2, second.skipped());
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")));
        assertArrayEquals(npy, Files.readAllBytes(out.resolve("a/one.npy")));

        // a changed source is recomputed
        Files.write(in.resolve("a/one.wav"), WavWriter.bytes(tone(880, 2.0, 22050), 22050));
        FeaturesStep.Result third = step.compute(new LocalFeaturesIo(step.input, step.output), Shard.ALL, 1, provenance());
        assertEquals(1, third.computed());
        assertTrue(!java.util.Arrays.equals(npy, Files.readAllBytes(out.resolve("a/one.npy"))));
    }

    @Test
    void shardsPartitionTheFilesDeterministically() throws Exception {
        Path in = tmp.resolve("many");
        Files.createDirectories(in);
        for (int i = 0; i < 8; i++) {
            Files.write(in.resolve("s" + i + ".wav"), WavWriter.bytes(tone(200 + 50 * i, 0.5, 22050), 22050));
        }
        Path out = tmp.resolve("out");
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 3; s++) {
            assertEquals(0, exec(new StringWriter(), "--input", in.toString(), "--output", out.toString(),
                    "--shard", s + "/3"));
            JsonNode m = Json.MAPPER.readTree(out.resolve(String.format("manifest-%04d-of-0003.json", s)).toFile());
            for (JsonNode t : m.get("tracks")) {
                seen.add(t.get("source").asText());
                total++;
            }
            assertTrue(Files.isRegularFile(out.resolve(String.format("provenance-%04d-of-0003.json", s))));
        }
        assertEquals(8, seen.size(), "every file in some shard");
        assertEquals(8, total, "and in only one");
        byte[] before = Files.readAllBytes(out.resolve("manifest-0001-of-0003.json"));
        exec(new StringWriter(), "--input", in.toString(), "--output", out.toString(), "--shard", "1/3");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("manifest-0001-of-0003.json")));
    }

    @Test
    void withShardsEachShardAlsoWritesAStreamableShardOfTheSameFeatures() throws Exception {
        Path in = tmp.resolve("many");
        Files.createDirectories(in);
        for (int i = 0; i < 6; i++) {
            Files.write(in.resolve("s" + i + ".wav"), WavWriter.bytes(tone(200 + 50 * i, 0.5, 22050), 22050));
        }
        Path out = tmp.resolve("out");
        Set<String> ids = new HashSet<>();
        for (int s = 0; s < 2; s++) {
            assertEquals(0, exec(new StringWriter(), "--input", in.toString(), "--output", out.toString(), "--shard", s + "/2",
                    "--shards"));
            io.chordflow.common.io.shard.ShardIndex ix = io.chordflow.common.io.shard.ShardIndex.read(
                    out.resolve(String.format("stream/features-%04d-of-0002.cfshard.json", s)));
            assertEquals("features", ix.kind());
            assertEquals(144, ix.columns());
            assertEquals(144, ((Number) ix.featureSpec().get("bins")).intValue());
            JsonNode m = Json.MAPPER.readTree(out.resolve(String.format("manifest-%04d-of-0002.json", s)).toFile());
            assertEquals(m.get("tracks").size(), ix.songs().size(), "the manifest's songs, in its order");
            try (var r = io.chordflow.common.io.shard.ShardReader.open(ix, out.resolve("stream").resolve(ix.data()), true)) {
                for (int k = 0; k < ix.songs().size(); k++) {
                    var song = ix.songs().get(k);
                    assertEquals(m.get("tracks").get(k).get("track_id").asText(), song.id());
                    Npy.Array npy = Npy.read(out.resolve(song.id() + ".npy"));
                    float[] rows = new float[npy.data().length];
                    r.read(song, 0, song.frames(), rows, 0);
                    assertArrayEquals(npy.data(), rows, 0f, song.id());
                    ids.add(song.id());
                }
            }
        }
        assertEquals(6, ids.size(), "every song in one shard");
        byte[] before = Files.readAllBytes(out.resolve("stream/features-0001-of-0002.cfshard"));
        exec(new StringWriter(), "--input", in.toString(), "--output", out.toString(), "--shard", "1/2", "--shards");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("stream/features-0001-of-0002.cfshard")), "same bytes again");
    }

    @Test
    void missingInputIsExitTwoWithAClearMessage() {
        StringWriter err = new StringWriter();
        int rc = exec(err, "--input", tmp.resolve("nope").toString(), "--output", tmp.resolve("o").toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("nope: no such folder"), err.toString());
        assertEquals(2, exec(new StringWriter(), "--input", tmp.toString(), "--output", "x", "--shard", "3/2"));
        assertFalse(Files.exists(tmp.resolve("mlruns")), "bad input found before any work: no run recorded");
    }

    @Test
    void allFilesFailingIsBadInputAndWritesNoManifest() throws Exception {
        Path in = tmp.resolve("bad");
        Files.createDirectories(in);
        Files.write(in.resolve("z.wav"), new byte[0]);
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, exec(err, "--input", in.toString(), "--output", tmp.resolve("o").toString()));
        assertTrue(err.toString().contains("no usable input: all 1 files skipped (e.g. z.wav: "), err.toString());
        assertFalse(Files.exists(tmp.resolve("o/manifest.json")), "no output manifest without usable input");
        assertFalse(Files.exists(tmp.resolve("o/provenance.json")));
        // the run records the counts and ends FAILED
        try (var files = Files.walk(tmp.resolve("mlruns"))) {
            Path meta = files.filter(p -> p.endsWith("meta.yaml") && Files.isDirectory(p.resolveSibling("metrics"))).findFirst().orElseThrow();
            assertTrue(Files.readString(meta).contains("status: 4\n"), "FAILED");
            assertTrue(Files.exists(meta.resolveSibling("metrics/files_failed")));
        }
    }

    @Test
    void maxSkippedMakesAPartialRunFatal() throws Exception {
        Path in = corpus();
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, exec(err, "--input", in.toString(), "--output", tmp.resolve("o").toString(), "--max-skipped", "2"));
        assertTrue(err.toString().contains("3 of 5 files skipped, more than --max-skipped 2"), err.toString());
        assertEquals(Cli.PARTIAL, exec(new StringWriter(), "--input", in.toString(), "--output", tmp.resolve("p").toString(),
                "--max-skipped", "60%"));
        StringWriter bad = new StringWriter();
        assertEquals(Cli.BAD_INPUT, exec(bad, "--input", in.toString(), "--output", tmp.resolve("q").toString(), "--max-skipped", "lots"));
        assertTrue(bad.toString().contains("--max-skipped 'lots': expected a count N >= 0 or a percentage P%"), bad.toString());
    }

    @Test
    void anOutputThatIsAFileIsBadInput() throws Exception {
        Path in = corpus();
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        StringWriter err = new StringWriter();
        assertEquals(Cli.BAD_INPUT, exec(err, "--input", in.toString(), "--output", file.toString()));
        assertEquals("features: --output " + file + ": exists and is not a folder (an output is a folder)", err.toString().strip());
    }

    @Test
    void namesCollideOnlyWhenTheyMust() {
        var m = FeaturesStep.outputNames(java.util.List.of("a/x.wav", "a/x.mp3", "a/y.flac", "b/x.wav"));
        assertEquals("a/x.wav.npy", m.get("a/x.wav"));
        assertEquals("a/x.mp3.npy", m.get("a/x.mp3"));
        assertEquals("a/y.npy", m.get("a/y.flac"));
        assertEquals("b/x.npy", m.get("b/x.wav"));
    }

    @Test
    void a2WritesSeededAugmentedCopiesBesideTheCleanFeatures() throws Exception {
        Path in = tmp.resolve("a2in");
        Files.createDirectories(in.resolve("a"));
        Files.write(in.resolve("a/one.wav"), WavWriter.bytes(tone(440, 2.0, 22050), 22050));
        Files.write(in.resolve("two.wav"), WavWriter.bytes(tone(262, 1.5, 22050), 22050));
        Path out = tmp.resolve("a2");
        assertEquals(0, exec(new StringWriter(), "--input", in.toString(), "--output", out.toString(), "--threads", "2",
                "--augment-audio", "1.0", "--copies", "2", "--augment-seed", "9"));
        Npy.Array clean = Npy.read(out.resolve("a/one.npy"));
        Npy.Array c0 = Npy.read(out.resolve("a/one.aug0.npy"));
        Npy.Array c1 = Npy.read(out.resolve("a/one.aug1.npy"));
        assertArrayEquals(clean.shape(), c0.shape(), "A2 keeps the timing: same frames, so the clean labels fit");
        assertTrue(!java.util.Arrays.equals(clean.row(10), c0.row(10)), "p = 1: every transform applied, features change");
        assertTrue(!java.util.Arrays.equals(c0.row(10), c1.row(10)), "copies differ");
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals(6, m.get("tracks").size());
        int augmented = 0;
        for (JsonNode t : m.get("tracks")) {
            if (t.has("augmentation")) {
                augmented++;
                assertTrue(t.get("augmentation").asText().startsWith("A2 p=1.0 seed=9 copy="), t.toString());
                assertEquals(4, t.get("applied").size(), "noise, gain, a filter, polarity");
            }
        }
        assertEquals(4, augmented);
        // shard-independent and deterministic: shard 1 of 2 alone, one thread, gives the same bytes for its file
        Path sharded = tmp.resolve("a2s");
        for (int i = 0; i < 2; i++) {
            assertEquals(0, exec(new StringWriter(), "--input", in.toString(), "--output", sharded.toString(), "--threads", "1",
                    "--augment-audio", "1.0", "--copies", "2", "--augment-seed", "9", "--shard", i + "/2"));
        }
        for (String f : new String[] {"a/one.aug0.npy", "a/one.aug1.npy", "two.aug1.npy"}) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(sharded.resolve(f)), f);
        }
        // --augmented-only: no clean file
        Path only = tmp.resolve("a2o");
        assertEquals(0, exec(new StringWriter(), "--input", in.toString(), "--output", only.toString(),
                "--augment-audio", "0.5", "--copies", "1", "--augmented-only"));
        assertTrue(Files.isRegularFile(only.resolve("two.aug0.npy")));
        assertTrue(!Files.exists(only.resolve("two.npy")));
        assertEquals(2, exec(new StringWriter(), "--input", in.toString(), "--output", only.toString(), "--augmented-only"));
        assertEquals(2, exec(new StringWriter(), "--input", in.toString(), "--output", only.toString(), "--augment-audio", "2"));
    }
}
