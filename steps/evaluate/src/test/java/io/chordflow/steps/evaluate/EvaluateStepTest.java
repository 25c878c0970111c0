package io.chordflow.steps.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.cli.Cli;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.ModelArtifact;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.data.Normalization;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.Track;
import io.chordflow.model.data.TrackLoader;
import io.chordflow.model.train.Objective;
import io.chordflow.contract.TrainingSettings;
import io.chordflow.model.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateStepTest {
    /** Features of notes (MIDI numbers) with 4 harmonics each, as the BTC CQT lays them out (bin 0 = C1, 2 bins a semitone). */
    private static float[] triad(int... midi) {
        float[] x = new float[FeatureSpec.BTC.bins()];
        double[] mag = new double[x.length];
        for (int m : midi) {
            for (int h = 1; h <= 4; h++) {
                int bin = (int) Math.round(2 * (m - 24 + 12 * Math.log(h) / Math.log(2)));
                if (bin < mag.length) {
                    mag[bin] += 1.0 / h;
                }
            }
        }
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.log(mag[k] + 1e-6);
        }
        return x;
    }

    @Test
    void scoresTheChromaTemplateBaselineWithoutAModel(@TempDir Path dir) throws Exception {
        // 20 frames of C major, 20 of A minor, 10 of G7 (the template knows triads only: root and majmin right)
        float[][] song = new float[50][];
        for (int t = 0; t < song.length; t++) {
            song[t] = t < 20 ? triad(60, 64, 67) : t < 40 ? triad(57, 60, 64) : triad(55, 59, 62, 65);
        }
        float[] flat = new float[song.length * song[0].length];
        for (int t = 0; t < song.length; t++) {
            System.arraycopy(song[t], 0, flat, t * song[t].length, song[t].length);
        }
        Files.createDirectories(dir.resolve("f"));
        io.chordflow.common.io.Npy.writeFloat32(dir.resolve("f/s.npy"), flat, song.length, song[0].length);
        double fs = FeatureSpec.BTC.frameSeconds();
        io.chordflow.chords.LabFile.write(dir.resolve("l/s.lab"), List.of(new io.chordflow.chords.ChordSegment(0, 20 * fs, "C:maj"),
                new io.chordflow.chords.ChordSegment(20 * fs, 40 * fs, "A:min"), new io.chordflow.chords.ChordSegment(40 * fs, 50 * fs, "G:7")));
        java.util.Map<String, String> env = java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString());
        Path out = dir.resolve("eval");
        assertEquals(0, Cli.execute(new EvaluateStep(env), "--chroma-template", "--features", dir.resolve("f").toString(),
                "--labels", dir.resolve("l").toString(), "--output", out.toString(), "--name", "template"));
        JsonNode doc = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals("template", doc.get("name").asText());
        // (.lab times are written to the microsecond, so scores are exact to about 1e-6)
        assertEquals(1.0, doc.at("/total/root").asDouble(), 1e-6);
        assertEquals(1.0, doc.at("/total/majmin").asDouble(), 1e-6);
        assertEquals(0.8, doc.at("/total/sevenths").asDouble(), 1e-6); // the G7 fifth of the song is heard as G:maj
        assertEquals("G:maj", io.chordflow.chords.LabFile.read(out.resolve("estimates/s.lab")).get(2).label());
        // a model and the template at once is a user's mistake
        assertEquals(Cli.BAD_INPUT, Cli.execute(new EvaluateStep(env), "--chroma-template", "--model", dir.toString(), "--features",
                dir.resolve("f").toString(), "--labels", dir.resolve("l").toString(), "--output", dir.resolve("o2").toString()));
    }

    @Test
    void scoresATrainedModelAgainstReferenceLabs(@TempDir Path dir) throws Exception {
        double fs = FeatureSpec.BTC.frameSeconds();
        SyntheticChords.writeCorpus(dir.resolve("trainf"), dir.resolve("trainl"), 8, 150, Vocabulary.MAJMIN, 1, fs);
        SyntheticChords.writeCorpus(dir.resolve("testf"), dir.resolve("testl"), 3, 150, Vocabulary.MAJMIN, 2, fs);
        Files.delete(dir.resolve("testl/song2.lab")); // a song without reference is skipped, not fatal
        // a shorter song, so that duration weighting differs from a plain mean over songs
        SyntheticChords.writeCorpus(dir.resolve("shortf"), dir.resolve("shortl"), 1, 40, Vocabulary.MAJMIN, 3, fs);
        Files.move(dir.resolve("shortf/song0.npy"), dir.resolve("testf/short0.npy"));
        Files.move(dir.resolve("shortl/song0.lab"), dir.resolve("testl/short0.lab"));
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
        assertEquals(3, doc.get("songs").size());
        assertEquals("song2", doc.get("songs_skipped").get(0).asText());
        double majmin = doc.get("total").get("majmin").asDouble();
        System.out.println("evaluate: total majmin " + majmin + ", paper mean " + doc.get("paper_mean").asDouble());
        assertTrue(majmin > 0.5, "majmin far above chance (0.04): " + majmin);
        assertTrue(Files.exists(out.resolve("estimates/song0.lab")));
        assertTrue(Files.exists(out.resolve("provenance.json")));
        totalsAreMirEvalsOverTheWrittenFiles(doc, dir.resolve("testl"), out.resolve("estimates"), List.of("short0", "song0", "song1"));
    }

    /**
     * metrics.json against ChordEvaluator (mir_eval-exact, MirEvalFixturesTest) on the same .lab files: per song
     * the scores; in total the label metrics as mir_eval scores all songs laid end to end (total correct time over
     * total counted time: each song's estimate cut to its reference's span, gaps "N", then shifted past the songs
     * before), the segmentation metrics as the song scores weighted by reference duration; paper_mean the mean of
     * the seven metrics paper 1 reports. To 2e-6: the estimates' .lab files hold times to the microsecond, the
     * step scored the unrounded segments.
     */
    static void totalsAreMirEvalsOverTheWrittenFiles(JsonNode doc, Path refDir, Path estDir, List<String> ids) {
        List<io.chordflow.chords.ChordSegment> allRef = new java.util.ArrayList<>();
        List<io.chordflow.chords.ChordSegment> allEst = new java.util.ArrayList<>();
        java.util.Map<String, Double> segNum = new java.util.HashMap<>();
        double offset = 0;
        for (String id : ids) {
            List<io.chordflow.chords.ChordSegment> ref = io.chordflow.chords.LabFile.read(refDir.resolve(id + ".lab"));
            List<io.chordflow.chords.ChordSegment> est = io.chordflow.chords.LabFile.read(estDir.resolve(id + ".lab"));
            java.util.Map<String, Double> song = io.chordflow.chords.eval.ChordEvaluator.evaluate(ref, est);
            song.forEach((k, v) -> assertEquals(v, doc.get("songs").get(id).get(k).asDouble(), 2e-6, id + " " + k));
            double start = ref.get(0).start();
            double end = ref.get(ref.size() - 1).end();
            for (String k : List.of("underseg", "overseg", "seg")) {
                segNum.merge(k, song.get(k) * (end - start), Double::sum);
            }
            double shift = offset - start;
            for (io.chordflow.chords.ChordSegment r : ref) {
                allRef.add(new io.chordflow.chords.ChordSegment(r.start() + shift, r.end() + shift, r.label()));
            }
            double at = start;
            for (io.chordflow.chords.ChordSegment e : est) {
                double a = Math.max(e.start(), start);
                double b = Math.min(e.end(), end);
                if (b <= a) {
                    continue;
                }
                if (a > at) {
                    allEst.add(new io.chordflow.chords.ChordSegment(at + shift, a + shift, "N"));
                }
                allEst.add(new io.chordflow.chords.ChordSegment(a + shift, b + shift, e.label()));
                at = b;
            }
            if (at < end) {
                allEst.add(new io.chordflow.chords.ChordSegment(at + shift, end + shift, "N"));
            }
            offset += end - start;
        }
        java.util.Map<String, Double> together = io.chordflow.chords.eval.ChordEvaluator.evaluate(allRef, allEst);
        JsonNode total = doc.get("total");
        for (String k : together.keySet()) {
            double want = k.endsWith("seg") ? segNum.get(k) / offset : together.get(k);
            assertEquals(want, total.get(k).asDouble(), 2e-6, "total " + k);
        }
        double paper = 0;
        for (String k : List.of("root", "thirds", "triads", "sevenths", "tetrads", "majmin", "mirex")) {
            paper += total.get(k).asDouble() / 7;
        }
        assertEquals(paper, doc.get("paper_mean").asDouble(), 1e-12, "paper_mean: mean of the seven metrics");
    }
}
