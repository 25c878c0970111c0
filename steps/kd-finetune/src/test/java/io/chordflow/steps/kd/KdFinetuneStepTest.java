package io.chordflow.steps.kd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KdFinetuneStepTest {
    @Test
    void aKdBlockThatDoesNotBindExitsTwoNamingTheField(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 2, 60, Vocabulary.LARGE, 1, FeatureSpec.BTC.frameSeconds());
        ModelConfig c = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 48, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelArtifact.save(dir.resolve("teacher"), c, "large", FeatureSpec.BTC, new Normalization(-2, 1.5), Models.initialized(c, m, 1));
            ModelArtifact.save(dir.resolve("student"), c, "large", FeatureSpec.BTC, new Normalization(-2, 1.5), Models.initialized(c, m, 2));
        }
        Files.writeString(dir.resolve("c.json"), "{\"training\": {\"epochs\": 1}, \"kd\": {\"temprature\": 5}}\n");
        java.io.StringWriter err = new java.io.StringWriter();
        var cl = Cli.commandLine(new KdFinetuneStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())));
        cl.setErr(new java.io.PrintWriter(err, true));
        int rc = cl.execute("--features", dir.resolve("f").toString(), "--labels", dir.resolve("l").toString(),
                "--teacher", dir.resolve("teacher").toString(), "--student", dir.resolve("student").toString(),
                "--config", dir.resolve("c.json").toString(), "--output", dir.resolve("out").toString());
        assertEquals(Cli.BAD_INPUT, rc, err.toString());
        assertTrue(err.toString().contains(dir.resolve("c.json") + ": field kd.temprature: unknown field (did you mean temperature?)"),
                err.toString());
    }

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
                 "lr": 1e-3, "schedule": "constant", "plateau_factor": 0.9, "grad_clip": 1.0, "patience": 10},
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
        // the training report train writes too: versioned, with the task and the validation songs
        assertEquals(io.chordflow.model.train.TrainingReport.SCHEMA_VERSION, metrics.get("schema_version").asInt());
        assertEquals("chord", metrics.get("task").asText());
        assertEquals(metrics.get("songs_val").asInt(), metrics.get("val_songs").size());
        assertTrue(Double.isFinite(metrics.get("history").get(1).get("train_loss").asDouble()));
        assertTrue(Files.readString(out.resolve("provenance.json")).contains("\"alpha\""));
    }

    /**
     * The step distils from the teacher it is given: with alpha 1 (KD only), a teacher that prefers one chord
     * everywhere (its output bias) pulls the student's softened outputs to it: the KL divergence from the teacher
     * (T = 3, over the training songs, computed here in doubles) falls and the student's argmax moves to the
     * teacher's. A step that ignored its --teacher (or distilled from the student itself) fails here.
     */
    @Test
    void alphaOneDistilsFromTheGivenTeacher(@TempDir Path dir) throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 4, 100, Vocabulary.LARGE, 1, FeatureSpec.BTC.frameSeconds());
        ModelConfig config = new ModelConfig("btc", 170, null, 16, 1, 2, 16, null, 48, null, null, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.Block teacher = Models.initialized(config, m, 1);
            var params = teacher.getParameters();
            float[] bias = new float[170];
            bias[7] = 12; // softened at T = 3: p(7) ~ e^4 / (e^4 + 169) ~ 0.24, inside the confidence band (weight 1)
            params.valueAt(params.size() - 1).getArray().set(bias);
            ModelArtifact.save(dir.resolve("teacher"), config, "large", FeatureSpec.BTC, new Normalization(-2, 1.5), teacher);
            ModelArtifact.save(dir.resolve("student"), config, "large", FeatureSpec.BTC, new Normalization(-2.1, 1.4), Models.initialized(config, m, 2));
        }
        Files.writeString(dir.resolve("c.json"), """
                {"stage2": {"epochs": 4, "batch_size": 4, "stride": 24, "val_fraction": 0.0, "lr": 1e-2, "schedule": "constant",
                 "grad_clip": 1.0, "patience": 10}, "kd": {"temperature": 3, "alpha": 1.0}}
                """);
        Path out = dir.resolve("out");
        assertEquals(0, Cli.execute(new KdFinetuneStep(java.util.Map.of("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())),
                "--features", dir.resolve("f").toString(), "--labels", dir.resolve("l").toString(), "--teacher",
                dir.resolve("teacher").toString(), "--student", dir.resolve("student").toString(), "--config",
                dir.resolve("c.json").toString(), "--output", out.toString()));
        double[] before = closeness(dir.resolve("student"), dir.resolve("teacher"), dir.resolve("f"));
        double[] after = closeness(out, dir.resolve("teacher"), dir.resolve("f"));
        System.out.printf("kd-finetune alpha 1: KL(teacher || student) at T=3 %.4f -> %.4f, argmax agreement %.3f -> %.3f%n",
                before[0], after[0], before[1], after[1]);
        assertTrue(after[0] < 0.5 * before[0], "KL to the teacher falls to under half: " + before[0] + " -> " + after[0]);
        assertTrue(after[1] > 0.9 && before[1] < 0.1, "argmax moves to the teacher's: " + before[1] + " -> " + after[1]);
    }

    /** {mean KL(softmax(z_t/3) || softmax(z_s/3)), share of frames with the same argmax} over the songs in {@code features}. */
    private static double[] closeness(Path student, Path teacher, Path features) throws Exception {
        try (ModelArtifact s = ModelArtifact.load(student); ModelArtifact t = ModelArtifact.load(teacher);
             java.util.stream.Stream<Path> files = Files.list(features)) {
            double kl = 0;
            int agree = 0;
            int n = 0;
            for (Path f : files.sorted().toList()) {
                io.chordflow.common.io.Npy.Array a = io.chordflow.common.io.Npy.read(f);
                float[][] x = new float[a.rows()][];
                for (int i = 0; i < x.length; i++) {
                    x[i] = a.row(i);
                }
                float[][] zs = new io.chordflow.model.infer.ChordRecognizer(s).logits(x);
                float[][] zt = new io.chordflow.model.infer.ChordRecognizer(t).logits(x);
                for (int i = 0; i < x.length; i++) {
                    double[] p = soft(zt[i]);
                    double[] q = soft(zs[i]);
                    int ap = 0;
                    int aq = 0;
                    for (int k = 0; k < p.length; k++) {
                        kl += p[k] * (Math.log(p[k]) - Math.log(q[k]));
                        ap = p[k] > p[ap] ? k : ap;
                        aq = q[k] > q[aq] ? k : aq;
                    }
                    agree += ap == aq ? 1 : 0;
                    n++;
                }
            }
            return new double[] {kl / n, (double) agree / n};
        }
    }

    private static double[] soft(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v / 3.0);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] / 3.0 - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
